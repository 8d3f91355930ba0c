namespace Netlink.Tests;

/// <summary>
/// UML tier: a kernel with ESP and GCM (scripts/uml-run.sh), where XFRM states can really be created.
/// Run by scripts/test.sh inside the guest; on a host without ESP these fail loudly, by design.
/// </summary>
[Trait("Tier", "Uml")]
public class UmlKernelTests
{
    [Fact]
    public void AeadEsnStateIsAddedDumpedAndDeletedOnce()
    {
        using var ns = new TestNamespace();
        using var handle = ns.Open();
        using var client = NetlinkClient.Open(NetlinkProtocol.Xfrm, handle);

        client.Execute("add XFRM state", (ref NetlinkWriter w) => KernelStateEncoder.WriteNew(ref w, 1));

        var listing = ns.Exec("ip", "xfrm", "state");
        Assert.Contains("src 10.0.0.1 dst 10.0.1.1", listing);
        Assert.Contains("proto esp spi 0x00000003 reqid 1 mode tunnel", listing);
        Assert.Contains("mark 0x13e00/0xffffff00", listing);
        Assert.Single(client.Dump<object>("dump XFRM states", KernelStateEncoder.WriteDump, _ => new object()));

        var duplicate = Assert.Throws<NetlinkException>(() => client.Execute("add XFRM state", (ref NetlinkWriter w) => KernelStateEncoder.WriteNew(ref w, 1)));
        Assert.Equal(Errno.EEXIST, duplicate.Errno);

        client.Execute("delete XFRM state", (ref NetlinkWriter w) => KernelStateEncoder.WriteDelete(ref w, 1));
        var missing = Assert.Throws<NetlinkException>(() => client.Execute("delete XFRM state", (ref NetlinkWriter w) => KernelStateEncoder.WriteDelete(ref w, 1)));
        Assert.Equal(Errno.ESRCH, missing.Errno);
    }

    [Fact]
    public void PipelinedBatchAddsTenThousandStatesAndReportsTheDuplicateAlone()
    {
        using var ns = new TestNamespace();
        using var handle = ns.Open();
        using var client = NetlinkClient.Open(NetlinkProtocol.Xfrm, handle);
        const int count = 10_000;

        var result = client.ExecuteBatch(count + 1, (ref NetlinkWriter w, int i) =>
            KernelStateEncoder.WriteNew(ref w, i == count ? 77 : i), i => $"add state {i}");

        var failure = Assert.Single(result.Failures);
        Assert.Equal(count, failure.Index);
        Assert.Equal(Errno.EEXIST, failure.Error.Errno);
        Assert.Equal(count, client.Dump<object>("dump XFRM states", KernelStateEncoder.WriteDump, _ => new object()).Count);

        var deleted = client.ExecuteBatch(count, (ref NetlinkWriter w, int i) => KernelStateEncoder.WriteDelete(ref w, i), i => $"delete state {i}");
        Assert.True(deleted.AllSucceeded);
        Assert.Empty(client.Dump<object>("dump XFRM states", KernelStateEncoder.WriteDump, _ => new object()));
    }
}
