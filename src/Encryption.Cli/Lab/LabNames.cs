using System.Text.RegularExpressions;

namespace Encryption.Cli.Lab;

/// <summary>
/// The naming convention every lab object follows, so <c>lab down</c> can find leftovers without a state file:
/// network namespaces <c>enclab-NAME-ul</c> (underlay), <c>enclab-NAME-nN</c> (node N), <c>enclab-NAME-nNpP</c>
/// (pod P of node N); state under <c>STATE_ROOT/NAME/</c>. Interface names live inside those namespaces, so they
/// can be short and fixed.
/// </summary>
internal sealed partial record LabNames(string Lab)
{
    public const string Prefix = "enclab-";
    public const string DefaultLab = "lab";
    public const string DefaultStateRoot = "/run/encryption-lab";

    /// <summary>The bridge, inside the underlay namespace.</summary>
    public const string Bridge = "br0";

    /// <summary>A node's underlay interface and a pod's interface, each inside its own namespace.</summary>
    public const string Eth0 = "eth0";

    public string NamespacePrefix => $"{Prefix}{Lab}-";

    public string Underlay => $"{NamespacePrefix}ul";

    public string Node(int node) => $"{NamespacePrefix}n{node}";

    public string Pod(int node, int pod) => $"{NamespacePrefix}n{node}p{pod}";

    /// <summary>The node's end of the veth to the bridge, inside the underlay namespace.</summary>
    public static string BridgePort(int node) => $"n{node}";

    /// <summary>The node's end of the veth to pod <paramref name="pod"/>, inside the node namespace.</summary>
    public static string PodPort(int pod) => $"p{pod}";

    public bool Owns(string networkNamespace) => networkNamespace.StartsWith(NamespacePrefix, StringComparison.Ordinal);

    /// <summary>Lab names: lowercase letters and digits, 1-16 characters (no '-', so one lab's prefix never matches another's).</summary>
    public static bool IsValid(string name) => ValidName().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]{1,16}$")]
    private static partial Regex ValidName();
}
