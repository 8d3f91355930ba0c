using System.Net;
using Encryption.Ztunnel.Enrollment;
using Encryption.Ztunnel.Zds;

namespace Encryption.Ztunnel.Tests;

/// <summary>Byte-level hints of the spec (section 3.2).</summary>
public sealed class ZdsProtocolTests
{
    [Fact]
    public void SnapshotSentIsTag3Empty() => Assert.Equal(new byte[] { 0x1A, 0x00 }, ZdsProtocol.SnapshotSent());

    [Fact]
    public void DelCarriesTheUidInFieldTwo() =>
        Assert.Equal(new byte[] { 0x12, 0x03, 0x12, 0x01, (byte)'u' }, ZdsProtocol.Del("u"));

    [Fact]
    public void KeepIsField5() =>
        Assert.Equal(new byte[] { 0x2A, 0x03, 0x0A, 0x01, (byte)'u' }, ZdsProtocol.Keep("u"));

    [Fact]
    public void AddCarriesUidAndWorkloadInfo()
    {
        var add = ZdsProtocol.Add(new LocalWorkload(new MeshWorkload { Uid = "u", Name = "n", Namespace = "s", ServiceAccount = "a", Node = "1.2.3.4", Addresses = [IPAddress.Loopback] }, "/x"));

        Assert.Equal(new byte[] { 0x0A, 0x0E, 0x0A, 0x01, (byte)'u', 0x12, 0x09, 0x0A, 0x01, (byte)'n', 0x12, 0x01, (byte)'s', 0x1A, 0x01, (byte)'a' }, add);
    }

    [Fact]
    public void HelloV1AndEmptyAckDecode()
    {
        Assert.Equal(Protos.Zds.Version.V1, ZdsProtocol.ReadHello([0x08, 0x01]).Version);
        Assert.Equal("", ZdsProtocol.ReadAck([0x0A, 0x00]));
    }

    [Fact]
    public void ResponseWithoutAckIsAProtocolError() => Assert.Throws<ZdsProtocolException>(() => ZdsProtocol.ReadAck([]));
}
