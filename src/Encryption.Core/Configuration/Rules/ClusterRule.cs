using System.Text.RegularExpressions;
using static Encryption.Core.Configuration.OptionKeys;

namespace Encryption.Core.Configuration;

/// <summary>Cluster name and ID, with Cilium's limits.</summary>
public sealed partial class ClusterRule : IOptionsRule
{
    public void Check(EncryptionOptions options, ValidationContext context)
    {
        if (!context.HasFailed(ClusterId) && options.Cluster.Id is < 0 or > 255)
            context.Error(ClusterId, "must be between 0 and 255");
        if (options.Cluster.Name.Length > 32 || !ClusterNamePattern().IsMatch(options.Cluster.Name))
            context.Error(ClusterName, "must be at most 32 lower case letters, digits and '-', starting and ending with a letter or digit");
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex ClusterNamePattern();
}
