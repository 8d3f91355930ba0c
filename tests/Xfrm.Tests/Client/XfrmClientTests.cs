using System.Net;
using Netlink;
using Xfrm.Client;
using Xfrm.Model;
using Xfrm.Tests.Support;
using Xfrm.Wire;

namespace Xfrm.Tests.Client;

/// <summary>The client against a fake kernel at the byte boundary (requests in, reply bytes out).</summary>
public sealed class XfrmClientTests
{
    [Fact]
    public void DeleteOfMissingStateIsReportedAsAlreadyGone()
    {
        using var client = ClientAnswering(request => [FakeKernel.Ack(request, Errno.ESRCH)]);
        Assert.False(client.DeleteState(Fixtures.AeadEsnStateKey));
    }

    [Fact]
    public void DeleteOfExistingStateIsReportedAsDeleted()
    {
        using var client = ClientAnswering(request => [FakeKernel.Ack(request)]);
        Assert.True(client.DeleteState(Fixtures.AeadEsnStateKey));
    }

    [Fact]
    public void DeleteOfMissingPolicyIsReportedAsAlreadyGone()
    {
        using var client = ClientAnswering(request => [FakeKernel.Ack(request, Errno.ENOENT)]);
        Assert.False(client.DeletePolicy(Fixtures.OutTunnelPolicy.Key));
    }

    [Fact]
    public void GetOfMissingStateReturnsNull()
    {
        using var client = ClientAnswering(request => [FakeKernel.Ack(request, Errno.ESRCH)]);
        Assert.Null(client.GetState(Fixtures.AeadEsnStateKey));
    }

    [Fact]
    public void RefusedAddNamesTheOperationErrnoAndKernelTextButNeverTheKey()
    {
        using var client = ClientAnswering(request => [FakeKernel.Ack(request, Errno.ENOSYS, "Requested AEAD algorithm not found")]);
        var error = Assert.Throws<NetlinkException>(() => client.AddState(Fixtures.AeadEsnState));
        Assert.Equal(Errno.ENOSYS, error.Errno);
        Assert.Contains("ip xfrm state add", error.Message, StringComparison.Ordinal);
        Assert.Contains("Requested AEAD algorithm not found", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("5ceb47a1", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void StateToStringRedactsEveryKey()
    {
        var text = Fixtures.AeadEsnState.ToString() + Fixtures.CbcHmacV6State;
        Assert.DoesNotContain("5ceb47a1", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("000102030405", text, StringComparison.Ordinal);
        Assert.DoesNotContain("202122232425", text, StringComparison.Ordinal);
        Assert.Contains("redacted", text, StringComparison.Ordinal);
    }

    [Fact]
    public void BulkApplyReportsEachFailureAgainstItsOwnChangeOnly()
    {
        var changes = new List<XfrmChange>();
        for (var i = 0; i < 10; i++)
            changes.Add(new XfrmChange.AddState(Fixtures.AeadEsnState with { Spi = (uint)(i + 1) }));
        changes.Add(new XfrmChange.DeleteState(Fixtures.AeadEsnStateKey with { Spi = 99 }));
        var requestIndex = 0;
        using var client = ClientAnswering(datagram =>
        {
            var replies = new List<byte[]>();
            foreach (var request in Messages.Split(datagram))
            {
                var index = requestIndex++;
                var errno = index switch { 4 => Errno.EINVAL, 10 => Errno.ESRCH, _ => 0 };

                // Like the kernel: a request without NLM_F_ACK is answered only when it fails.
                if (errno != 0 || (Messages.Header(request).Flags & NetlinkFlags.Ack) != 0)
                    replies.Add(FakeKernel.Ack(request, errno));
            }

            return replies;
        });

        var result = client.Apply(changes);

        Assert.Equal(11, result.Results.Count);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(4, failure.Index);
        Assert.Equal(Errno.EINVAL, failure.Error!.Errno);
        Assert.Contains("spi 0x00000005", failure.Error.Message, StringComparison.Ordinal);
        Assert.Equal(XfrmChangeOutcome.AlreadyAbsent, result.Results[10].Outcome);
        Assert.All(result.Results.Where(r => r.Index is not 4 and not 10), r => Assert.Equal(XfrmChangeOutcome.Applied, r.Outcome));
    }

    [Fact]
    public void BulkApplyPacksManyRequestsIntoEachSendAndAsksForOneAckPerSend()
    {
        var kernel = new FakeKernel(datagram => Messages.Split(datagram).Select(r => FakeKernel.Ack(r)).ToList(), maxOutstandingReplies: 256);
        using var client = new XfrmClient(new NetlinkClient(kernel));
        var changes = Enumerable.Range(1, 1000)
            .Select(i => (XfrmChange)new XfrmChange.UpdatePolicy(Fixtures.OutTunnelPolicy with { Priority = (uint)i }))
            .ToList();

        Assert.True(client.Apply(changes).AllSucceeded);
        Assert.InRange(kernel.Sent.Count, 4, 20);
        Assert.Equal(1000, kernel.Sent.Sum(d => Messages.Split(d).Count));
        Assert.All(kernel.Sent, datagram =>
        {
            var flags = Messages.Split(datagram).Select(m => Messages.Header(m).Flags & NetlinkFlags.Ack).ToList();
            Assert.Equal(NetlinkFlags.Ack, flags[^1]);
            Assert.All(flags.SkipLast(1), f => Assert.Equal(NetlinkFlags.None, f));
        });
    }

    [Fact]
    public void StateListAppliesReqIdAndMarkFiltersToTheDump()
    {
        var dump = TestData.Hex("state-dump.reply.hex");
        using var client = ClientAnswering(request => [FakeKernel.Datagram(Messages.Header(request).Sequence, Messages.Split(dump).ToArray())]);

        Assert.Equal(2, client.ListStates().Count);
        var byReqId = Assert.Single(client.ListStates(new XfrmStateFilter { ReqId = 1 }));
        Assert.Equal(3u, byReqId.Spi);
        var byMark = Assert.Single(client.ListStates(new XfrmStateFilter { MarkValue = 0xe00, MarkMask = 0xf00 }));
        Assert.Equal(3u, byMark.Spi);
        Assert.Empty(client.ListStates(new XfrmStateFilter { Mark = XfrmMark.Exact(1) }));
    }

    [Fact]
    public void StateListSendsProtocolAndAddressFiltersToTheKernel()
    {
        byte[]? sent = null;
        using var client = ClientAnswering(request =>
        {
            sent = request;
            return [FakeKernel.Datagram(Messages.Header(request).Sequence, [20, 0, 0, 0, 3, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])];
        });

        client.ListStates(new XfrmStateFilter
        {
            Protocol = XfrmProtocol.Esp,
            DestinationPrefix = (IPAddress.Parse("10.0.1.0"), 24),
        });

        var header = Messages.Header(sent!);
        Assert.Equal(XfrmMessageType.GetSa, header.Type);
        Assert.Equal(NetlinkFlags.Request | NetlinkFlags.Dump, header.Flags);
        var attributes = new NetlinkAttributeReader(sent.AsSpan(NetlinkHeader.Size));
        Assert.True(attributes.TryRead(out var filter));
        Assert.Equal(XfrmAttributeType.AddressFilter, filter.Type);
        Assert.Equal((byte)24, filter.Payload[XfrmAddressFilterWire.DplenOffset]);
        Assert.True(attributes.TryRead(out var proto));
        Assert.Equal((XfrmAttributeType.Proto, (byte)50), (proto.Type, proto.GetU8()));
    }

    private static XfrmClient ClientAnswering(Func<byte[], IEnumerable<byte[]>> respond) => new(new NetlinkClient(new FakeKernel(respond)));
}
