using Netlink;

namespace Encryption.WireGuard.Device;

/// <summary>Same as: <c>sysctl net.ipv4.conf.IFNAME.rp_filter=0</c> (Cilium does this for cilium_wg0), in the device's namespace.</summary>
public static class ReversePathFilter
{
    public static void Disable(string interfaceName, NetworkNamespace? networkNamespace)
    {
        var path = $"/proc/sys/net/ipv4/conf/{interfaceName}/rp_filter";
        if (networkNamespace is null)
            Write(path);
        else
            networkNamespace.Run(() => Write(path));
    }

    private static bool Write(string path)
    {
        // /proc/sys/net is resolved against the network namespace of the thread that opens it.
        if (!File.Exists(path))
            return false;
        File.WriteAllText(path, "0\n");
        return true;
    }
}
