using System.Buffers.Binary;

namespace Netlink.Tests;

/// <summary>
/// Minimal hand-laid XFRM policy requests for exercising the transport against the real kernel
/// (the typed encoder lives in src/Xfrm; this keeps the Netlink tests independent of it).
/// xfrm_userpolicy_info is 168 bytes: selector (56) @0, lifetime cfg (64) @56, cur (32) @120, priority @152, index @156, dir @160.
/// </summary>
internal static class KernelPolicyEncoder
{
    public const ushort NewPolicy = 0x13;
    public const ushort DelPolicy = 0x14;
    public const ushort GetPolicy = 0x15;
    public const ushort UpdPolicy = 0x19;

    /// <summary>OUT policy 0.0.0.0/0 -> 10.a.b.0/prefix, action allow, no template (DELPOLICY: xfrm_userpolicy_id).</summary>
    public static void Write(ref NetlinkWriter w, ushort type, int n, byte prefix = 24)
    {
        var m = w.BeginMessage(type, NetlinkFlags.None);
        var delete = type == DelPolicy;
        var info = w.Reserve(delete ? 64 : 168);
        info[0] = 10;
        info[1] = (byte)(n >> 8);
        info[2] = (byte)n;
        BinaryPrimitives.WriteUInt16LittleEndian(info[40..], 2); // AF_INET
        info[42] = prefix;
        if (delete)
        {
            info[60] = 1; // xfrm_userpolicy_id.dir = XFRM_POLICY_OUT
        }
        else
        {
            for (var i = 0; i < 4; i++)
                BinaryPrimitives.WriteUInt64LittleEndian(info[(56 + 8 * i)..], ulong.MaxValue);
            info[160] = 1; // xfrm_userpolicy_info.dir = XFRM_POLICY_OUT
        }

        w.End(m);
    }

    public static void WriteDump(ref NetlinkWriter w)
    {
        var m = w.BeginMessage(GetPolicy, NetlinkFlags.None);
        w.End(m);
    }
}
