namespace Netlink;

/// <summary><c>nlmsg_flags</c> bits. The same bit means different things on GET, NEW and ACK messages.</summary>
[Flags]
public enum NetlinkFlags : ushort
{
    None = 0,
    Request = 0x1,
    Multi = 0x2,
    Ack = 0x4,
    Echo = 0x8,
    DumpInterrupted = 0x10,
    DumpFiltered = 0x20,

    // GET modifiers
    Root = 0x100,
    Match = 0x200,
    Atomic = 0x400,
    Dump = Root | Match,

    // NEW modifiers
    Replace = 0x100,
    Exclusive = 0x200,
    Create = 0x400,
    Append = 0x800,

    // ACK modifiers (in NLMSG_ERROR)
    Capped = 0x100,
    AckTlvs = 0x200,
}
