using System.Net.Sockets;
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

        if (agent.IPv4 is { } v4 && v4.AddressFamily != AddressFamily.InterNetwork)
            context.Error(NodeIPv4, "must be an IPv4 address");
        if (agent.IPv6 is { } v6 && v6.AddressFamily != AddressFamily.InterNetworkV6)
            context.Error(NodeIPv6, "must be an IPv6 address");
        if (agent.BootId.Length > 0 && !Guid.TryParse(agent.BootId, out _))
            context.Error(BootId, "must be a UUID like /proc/sys/kernel/random/boot_id holds");

        if (agent.ClusterSource == ClusterSourceKind.File)
        {
            PathChecks.RequireAbsolute(context, FileStoreDir, agent.FileStoreDirectory, "the shared cluster store directory");
            if (agent.IPv4 is null && agent.IPv6 is null && !context.HasFailed(NodeIPv4, NodeIPv6))
                context.Error(NodeIPv4, "ipv4 or ipv6 is required with the file cluster source: the node's underlay address");
        }

        PathChecks.RequireSocketPath(context, StatusSocket, agent.StatusSocketPath, "the local status API");
        PathChecks.RequireAbsolute(context, BootIdFile, agent.BootIdFile, "where the boot ID is read");
        PathChecks.RequireAbsolute(context, Procfs, agent.Procfs, "the host's proc file system");

        if (!context.HasFailed(ResyncInterval) && agent.ResyncInterval < TimeSpan.FromSeconds(1))
            context.Error(ResyncInterval, "must be at least 1s");

        if (agent.MetricsAddress.Length > 0 && agent.MetricsEndpoint is null)
            context.Error(MetricsAddress, "must be IP:PORT or :PORT (e.g. :9962)");
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();
}
