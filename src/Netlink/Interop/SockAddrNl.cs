using System.Runtime.InteropServices;

namespace Netlink.Interop;

/// <summary>
/// <c>struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; };</c> (12 bytes).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SockAddrNl
{
    public const int Size = 12;
    public ushort Family;
    public ushort Pad;
    public uint Pid;
    public uint Groups;
}
