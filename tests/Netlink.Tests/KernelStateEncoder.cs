using System.Buffers.Binary;
using System.Text;

namespace Netlink.Tests;

/// <summary>
/// Hand-laid XFRM state requests (specs/ipsec-and-xfrm.md §6.8 vector b) for the UML tier of the transport tests;
/// the typed encoder lives in src/Xfrm. xfrm_usersa_info is 224 bytes: sel @0, id @56 (daddr, spi BE @72, proto @76),
/// saddr @80, lft @96, reqid @208, family @212, mode @214, flags @216.
/// </summary>
internal static class KernelStateEncoder
{
    public const ushort NewSa = 0x10;
    public const ushort DelSa = 0x11;
    public const ushort GetSa = 0x12;

    private const ushort AttrAead = 18;
    private const ushort AttrMark = 21;
    private const ushort AttrReplayEsn = 23;
    private const ushort AttrSrcAddr = 13;

    /// <summary>ESP tunnel state 10.0.0.1 -> 10.b.c.1 (b,c from n), spi, rfc4106(gcm(aes)) 160-bit key, ESN, mark 0x13e00/0xffffff00.</summary>
    public static void WriteNew(ref NetlinkWriter w, int n, uint spi = 3)
    {
        var m = w.BeginMessage(NewSa, NetlinkFlags.None);
        var info = w.Reserve(224);
        Destination(n).CopyTo(info[56..]);
        BinaryPrimitives.WriteUInt32BigEndian(info[72..], spi);
        info[76] = 50;
        new byte[] { 10, 0, 0, 1 }.CopyTo(info[80..]);
        for (var i = 0; i < 4; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(info[(96 + 8 * i)..], ulong.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(info[208..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(info[212..], 2);
        info[214] = 1;
        info[216] = 0x80;

        var aead = w.ReserveAttribute(AttrAead, 72 + 20);
        Encoding.ASCII.GetBytes("rfc4106(gcm(aes))").CopyTo(aead);
        BinaryPrimitives.WriteUInt32LittleEndian(aead[64..], 160);
        BinaryPrimitives.WriteUInt32LittleEndian(aead[68..], 128);
        Convert.FromHexString("5ceb47a1b03dae618aa2b1fa45bd2ec718346d79").CopyTo(aead[72..]);
        WriteMark(ref w);
        var esn = w.ReserveAttribute(AttrReplayEsn, 24);
        BinaryPrimitives.WriteUInt32LittleEndian(esn, 32);
        BinaryPrimitives.WriteUInt32LittleEndian(esn[20..], 1024);
        w.End(m);
    }

    public static void WriteDelete(ref NetlinkWriter w, int n, uint spi = 3)
    {
        var m = w.BeginMessage(DelSa, NetlinkFlags.None);
        var id = w.Reserve(24);
        Destination(n).CopyTo(id);
        BinaryPrimitives.WriteUInt32BigEndian(id[16..], spi);
        BinaryPrimitives.WriteUInt16LittleEndian(id[20..], 2);
        id[22] = 50;
        WriteMark(ref w);
        var src = w.ReserveAttribute(AttrSrcAddr, 16);
        new byte[] { 10, 0, 0, 1 }.CopyTo(src);
        w.End(m);
    }

    public static void WriteDump(ref NetlinkWriter w)
    {
        var m = w.BeginMessage(GetSa, NetlinkFlags.None);
        w.End(m);
    }

    private static void WriteMark(ref NetlinkWriter w)
    {
        var mark = w.ReserveAttribute(AttrMark, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(mark, 0x13e00);
        BinaryPrimitives.WriteUInt32LittleEndian(mark[4..], 0xffffff00);
    }

    private static byte[] Destination(int n) => [10, (byte)(n >> 8), (byte)n, 1];
}
