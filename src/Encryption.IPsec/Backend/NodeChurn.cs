using Encryption.Core.Cluster;

namespace Encryption.IPsec.Backend;

/// <summary>What changed among the remote nodes between two applies (pure), as event details.</summary>
public static class NodeChurn
{
    public static IEnumerable<(string Kind, string Detail)> Between(IReadOnlyDictionary<string, Node>? before, IReadOnlyDictionary<string, Node> after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null)
            yield break;
        foreach (var (name, node) in after.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            if (!before.TryGetValue(name, out var old))
            {
                yield return (IPsecEvent.NodeAdded, $"{name} ({string.Join(", ", node.Addresses)})");
                continue;
            }

            var changes = new List<string>();
            if (!Equals(old.IPv4, node.IPv4) || !Equals(old.IPv6, node.IPv6))
                changes.Add($"address {string.Join(", ", old.Addresses)} -> {string.Join(", ", node.Addresses)}");
            if (old.BootId != node.BootId)
                changes.Add("boot ID changed (rebooted: its tunnel keys are derived again)");
            if (old.IPsecKeyId != node.IPsecKeyId)
                changes.Add($"advertised key {old.IPsecKeyId} -> {node.IPsecKeyId}");
            if (!old.PodCidrs.SequenceEqual(node.PodCidrs))
                changes.Add($"pod CIDRs {string.Join(",", old.PodCidrs)} -> {string.Join(",", node.PodCidrs)}");
            if (changes.Count > 0)
                yield return (IPsecEvent.NodeChanged, $"{name}: {string.Join("; ", changes)}");
        }

        foreach (var name in before.Keys.Where(n => !after.ContainsKey(n)).Order(StringComparer.Ordinal))
            yield return (IPsecEvent.NodeRemoved, name);
    }
}
