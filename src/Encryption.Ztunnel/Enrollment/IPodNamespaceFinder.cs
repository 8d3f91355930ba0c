namespace Encryption.Ztunnel.Enrollment;

/// <summary>Finds the network namespaces of this node's pods that the cluster source does not name.</summary>
public interface IPodNamespaceFinder
{
    /// <summary>UID → path of a network-namespace file, for the pods of <paramref name="podUids"/> found running here.</summary>
    IReadOnlyDictionary<string, string> Find(IReadOnlySet<string> podUids);
}
