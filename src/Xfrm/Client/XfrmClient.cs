using Netlink;
using Xfrm.Codec;
using Xfrm.Model;
using Xfrm.Wire;

namespace Xfrm.Client;

/// <summary>
/// Typed XFRM operations over one netlink socket: states, policies, table counts and pipelined bulk apply.
/// Each method names its <c>ip xfrm</c> equivalent. Kernel refusals throw <see cref="NetlinkException"/>
/// (errno, extended-ack text); deletes of missing objects return false instead, so callers can be idempotent.
/// A <see cref="NetlinkResyncRequiredException"/> from a dump or batch means: dump again and re-diff.
/// </summary>
public sealed class XfrmClient : IDisposable
{
    private readonly NetlinkClient netlink;

    public XfrmClient(NetlinkClient netlink) => this.netlink = netlink ?? throw new ArgumentNullException(nameof(netlink));

    /// <summary>Opens an <c>NETLINK_XFRM</c> socket, in <paramref name="networkNamespace"/> if given (the process does not move).</summary>
    public static XfrmClient Open(NetworkNamespace? networkNamespace = null, NetlinkSocketOptions? socketOptions = null) =>
        new(NetlinkClient.Open(NetlinkProtocol.Xfrm, networkNamespace, socketOptions));

    /// <summary>Same as: <c>ip xfrm state add ...</c>. Fails with EEXIST if a state with the same key exists.</summary>
    public void AddState(XfrmState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        netlink.Execute($"ip xfrm state add {state.Key}", (ref NetlinkWriter w) => XfrmStateCodec.Encode(ref w, state, XfrmMessageType.NewSa));
    }

    /// <summary>Same as: <c>ip xfrm state update ...</c>. Fails with ESRCH if the state does not exist.</summary>
    public void UpdateState(XfrmState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        netlink.Execute($"ip xfrm state update {state.Key}", (ref NetlinkWriter w) => XfrmStateCodec.Encode(ref w, state, XfrmMessageType.UpdSa));
    }

    /// <summary>Same as: <c>ip xfrm state delete ID [mark M mask M]</c>. Returns false if the state was already gone.</summary>
    public bool DeleteState(XfrmStateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            netlink.Execute($"ip xfrm state delete {key}", (ref NetlinkWriter w) => XfrmStateKeyCodec.Encode(ref w, key, XfrmMessageType.DelSa));
            return true;
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Same as: <c>ip xfrm state get ID [mark M mask M]</c>. Returns null if there is no such state.</summary>
    public XfrmState? GetState(XfrmStateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            return netlink.Get($"ip xfrm state get {key}",
                (ref NetlinkWriter w) => XfrmStateKeyCodec.Encode(ref w, key, XfrmMessageType.GetSa),
                XfrmStateCodec.Decode);
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Same as: <c>ip xfrm state list</c>, filtered (protocol and address prefixes in the kernel, the rest here).</summary>
    public List<XfrmState> ListStates(XfrmStateFilter? filter = null)
    {
        var results = new List<XfrmState>();
        VisitStates(results.Add, filter, reset: results.Clear);
        return results;
    }

    /// <summary>
    /// Streams a state dump through <paramref name="visit"/>. If the kernel interrupts the dump (tables changed),
    /// it restarts: <paramref name="reset"/> runs first, so the visitor can drop what it collected.
    /// </summary>
    public void VisitStates(Action<XfrmState> visit, XfrmStateFilter? filter = null, Action? reset = null)
    {
        ArgumentNullException.ThrowIfNull(visit);
        filter ??= XfrmStateFilter.All;
        netlink.DumpEach("ip xfrm state list",
            (ref NetlinkWriter w) => EncodeStateDump(ref w, filter),
            (visit, filter, cache: new XfrmDecodeCache()),
            static (message, s) =>
            {
                if (message.Header.Type != XfrmMessageType.NewSa)
                    return;
                var state = XfrmStateCodec.Decode(message, s.cache);
                if (s.filter.Matches(state))
                    s.visit(state);
            },
            reset is null ? null : _ => reset());
    }

    /// <summary>Same as: <c>ip xfrm state flush [proto P]</c>. Removes everyone's states: not for an agent sharing the host.</summary>
    public void FlushStates(XfrmProtocol protocol = XfrmProtocol.Unspecified) =>
        netlink.Execute("ip xfrm state flush", (ref NetlinkWriter w) =>
        {
            var message = w.BeginMessage(XfrmMessageType.FlushSa, NetlinkFlags.None);
            w.Reserve(XfrmUserSaFlushWire.Size)[XfrmUserSaFlushWire.ProtoOffset] = (byte)protocol;
            w.End(message);
        });

    /// <summary>Same as: <c>ip xfrm state count</c> (plus hash-table sizes).</summary>
    public XfrmSadInfo GetSadInfo() =>
        netlink.Get("ip xfrm state count",
            (ref NetlinkWriter w) => XfrmTableInfoCodec.EncodeRequest(ref w, XfrmMessageType.GetSadInfo),
            XfrmTableInfoCodec.DecodeSadInfo);

    /// <summary>Same as: <c>ip xfrm policy add ...</c>. Fails with EEXIST if a policy with the same key exists.</summary>
    public void AddPolicy(XfrmPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        netlink.Execute($"ip xfrm policy add {XfrmDescriptions.Of(policy.Key)}",
            (ref NetlinkWriter w) => XfrmPolicyCodec.Encode(ref w, policy, XfrmMessageType.NewPolicy));
    }

    /// <summary>Same as: <c>ip xfrm policy update ...</c>: adds the policy or replaces the one with the same key.</summary>
    public void UpdatePolicy(XfrmPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        netlink.Execute($"ip xfrm policy update {XfrmDescriptions.Of(policy.Key)}",
            (ref NetlinkWriter w) => XfrmPolicyCodec.Encode(ref w, policy, XfrmMessageType.UpdPolicy));
    }

    /// <summary>Same as: <c>ip xfrm policy delete SELECTOR dir D [mark M mask M]</c>. Returns false if it was already gone.</summary>
    public bool DeletePolicy(XfrmPolicyKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            netlink.Execute($"ip xfrm policy delete {XfrmDescriptions.Of(key)}",
                (ref NetlinkWriter w) => XfrmPolicyKeyCodec.Encode(ref w, key, XfrmMessageType.DelPolicy));
            return true;
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Same as: <c>ip xfrm policy get SELECTOR dir D [mark M mask M]</c>. Returns null if there is no such policy.</summary>
    public XfrmPolicy? GetPolicy(XfrmPolicyKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            return netlink.Get($"ip xfrm policy get {XfrmDescriptions.Of(key)}",
                (ref NetlinkWriter w) => XfrmPolicyKeyCodec.Encode(ref w, key, XfrmMessageType.GetPolicy),
                XfrmPolicyCodec.Decode);
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Same as: <c>ip xfrm policy list</c>, filtered in user space.</summary>
    public List<XfrmPolicy> ListPolicies(XfrmPolicyFilter? filter = null)
    {
        var results = new List<XfrmPolicy>();
        VisitPolicies(results.Add, filter, reset: results.Clear);
        return results;
    }

    /// <summary>Streams a policy dump through <paramref name="visit"/>; <paramref name="reset"/> runs before a restart.</summary>
    public void VisitPolicies(Action<XfrmPolicy> visit, XfrmPolicyFilter? filter = null, Action? reset = null)
    {
        ArgumentNullException.ThrowIfNull(visit);
        filter ??= XfrmPolicyFilter.All;
        netlink.DumpEach("ip xfrm policy list",
            static (ref NetlinkWriter w) => w.End(w.BeginMessage(XfrmMessageType.GetPolicy, NetlinkFlags.None)),
            (visit, filter),
            static (message, s) =>
            {
                if (message.Header.Type != XfrmMessageType.NewPolicy)
                    return;
                var policy = XfrmPolicyCodec.Decode(message);
                if (s.filter.Matches(policy))
                    s.visit(policy);
            },
            reset is null ? null : _ => reset());
    }

    /// <summary>Same as: <c>ip xfrm policy flush</c>. Removes everyone's policies: not for an agent sharing the host.</summary>
    public void FlushPolicies() =>
        netlink.Execute("ip xfrm policy flush",
            static (ref NetlinkWriter w) => w.End(w.BeginMessage(XfrmMessageType.FlushPolicy, NetlinkFlags.None)));

    /// <summary>Same as: <c>ip xfrm policy count</c> (plus hash-table sizes).</summary>
    public XfrmSpdInfo GetSpdInfo() =>
        netlink.Get("ip xfrm policy count",
            (ref NetlinkWriter w) => XfrmTableInfoCodec.EncodeRequest(ref w, XfrmMessageType.GetSpdInfo),
            XfrmTableInfoCodec.DecodeSpdInfo);

    /// <summary>
    /// Same as: <c>ip -batch</c> with one line per change, but pipelined: many requests per <c>sendmsg</c>, acks
    /// matched back by sequence number. Every change gets its own result; a refused change affects only itself,
    /// and a delete of something already gone is <see cref="XfrmChangeOutcome.AlreadyAbsent"/>. The kernel applies
    /// the changes in order. Throws <see cref="NetlinkResyncRequiredException"/> if acks were lost (dump and re-diff).
    /// </summary>
    public XfrmApplyResult Apply(IReadOnlyList<XfrmChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var batch = netlink.ExecuteBatch(changes.Count, (ref NetlinkWriter w, int i) => changes[i].Encode(ref w), i => changes[i].Describe());
        var results = new XfrmChangeResult[changes.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var error = batch.ErrorAt(i);
            var outcome = error is null ? XfrmChangeOutcome.Applied
                : error.IsNotFound && changes[i].IsDelete ? XfrmChangeOutcome.AlreadyAbsent
                : XfrmChangeOutcome.Failed;
            results[i] = new XfrmChangeResult(i, changes[i], outcome, outcome == XfrmChangeOutcome.Failed ? error : null);
        }

        return new XfrmApplyResult(results);
    }

    public void Dispose() => netlink.Dispose();

    private static void EncodeStateDump(ref NetlinkWriter writer, XfrmStateFilter filter)
    {
        // Dump filters follow the header directly: the kernel parses them with no fixed family header.
        var message = writer.BeginMessage(XfrmMessageType.GetSa, NetlinkFlags.None);
        if (filter.HasAddressFilter)
        {
            var family = XfrmFamilies.Of((filter.DestinationPrefix ?? filter.SourcePrefix)!.Value.Address);
            var source = filter.SourcePrefix ?? (XfrmFamilies.AnyAddress(family), (byte)0);
            var destination = filter.DestinationPrefix ?? (XfrmFamilies.AnyAddress(family), (byte)0);
            XfrmAddressFilterWire.Write(writer.ReserveAttribute(XfrmAttributeType.AddressFilter, XfrmAddressFilterWire.Size),
                family, source.Item1, source.Item2, destination.Item1, destination.Item2);
        }

        if (filter.Protocol is { } protocol)
            writer.WriteU8(XfrmAttributeType.Proto, (byte)protocol);
        writer.End(message);
    }
}
