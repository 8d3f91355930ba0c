using System.Globalization;
using System.Text.RegularExpressions;
using static Encryption.Core.Configuration.OptionKeys;

namespace Encryption.Core.Configuration;

/// <summary>
/// The agent's own options. The node name becomes a file name in the file store and a Kubernetes object name, so it
/// must be a DNS-1123 subdomain.
/// </summary>
public sealed partial class AgentRule : IOptionsRule
{
    public void Check(EncryptionOptions options, ValidationContext context)
    {
        var agent = options.Agent;
        if (agent.NodeName.Length == 0)
            context.Error(NodeName, "is required: set node-name (or K8S_NODE_NAME); the host name is used when it has one");
        else if (agent.NodeName.Length > 253 || !SubdomainPattern().IsMatch(agent.NodeName))
            context.Error(NodeName, "must be a DNS-1123 subdomain: lower case letters, digits, '-' and '.', at most 253 characters");

        if (agent.ClusterSource == ClusterSourceKind.File)
            PathChecks.RequireAbsolute(context, FileStoreDir, agent.FileStoreDirectory, "the shared cluster store directory");
        PathChecks.RequireSocketPath(context, StatusSocket, agent.StatusSocketPath, "the local status API");
        PathChecks.RequireAbsolute(context, BootIdFile, agent.BootIdFile, "where the boot ID is read");

        if (!context.HasFailed(ResyncInterval) && agent.ResyncInterval < TimeSpan.FromSeconds(1))
            context.Error(ResyncInterval, "must be at least 1s");

        if (agent.MetricsAddress.Length > 0 && !IsHostPort(agent.MetricsAddress))
            context.Error(MetricsAddress, "must be host:port (host may be empty, e.g. :9962)");
    }

    private static bool IsHostPort(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon >= 0
            && int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is >= 1 and <= 65535;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();
}
