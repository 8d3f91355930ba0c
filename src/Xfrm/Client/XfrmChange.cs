using Netlink;
using Xfrm.Codec;
using Xfrm.Model;
using Xfrm.Wire;

namespace Xfrm.Client;

/// <summary>
/// One change of a bulk apply (<see cref="XfrmClient.Apply"/>), like one line of <c>ip -batch</c>.
/// <see cref="Describe"/> names the object without key material.
/// </summary>
public abstract record XfrmChange
{
    private XfrmChange() { }

    /// <summary>True for deletes, whose "not found" counts as done (the object is already gone).</summary>
    public virtual bool IsDelete => false;

    /// <summary>The <c>ip xfrm</c> equivalent, without keys.</summary>
    public abstract string Describe();

    internal abstract void Encode(ref NetlinkWriter writer);

    /// <summary>Same as: <c>ip xfrm state add ...</c> (fails with EEXIST if present).</summary>
    public sealed record AddState(XfrmState State) : XfrmChange
    {
        public override string Describe() => $"ip xfrm state add {State.Key}";

        internal override void Encode(ref NetlinkWriter writer) => XfrmStateCodec.Encode(ref writer, State, XfrmMessageType.NewSa);
    }

    /// <summary>Same as: <c>ip xfrm state update ...</c> (fails with ESRCH if missing).</summary>
    public sealed record UpdateState(XfrmState State) : XfrmChange
    {
        public override string Describe() => $"ip xfrm state update {State.Key}";

        internal override void Encode(ref NetlinkWriter writer) => XfrmStateCodec.Encode(ref writer, State, XfrmMessageType.UpdSa);
    }

    /// <summary>Same as: <c>ip xfrm state delete ...</c>; a missing state counts as deleted.</summary>
    public sealed record DeleteState(XfrmStateKey Key) : XfrmChange
    {
        public override bool IsDelete => true;

        public override string Describe() => $"ip xfrm state delete {Key}";

        internal override void Encode(ref NetlinkWriter writer) => XfrmStateKeyCodec.Encode(ref writer, Key, XfrmMessageType.DelSa);
    }

    /// <summary>Same as: <c>ip xfrm policy add ...</c> (fails with EEXIST if present).</summary>
    public sealed record AddPolicy(XfrmPolicy Policy) : XfrmChange
    {
        public override string Describe() => $"ip xfrm policy add {XfrmDescriptions.Of(Policy.Key)}";

        internal override void Encode(ref NetlinkWriter writer) => XfrmPolicyCodec.Encode(ref writer, Policy, XfrmMessageType.NewPolicy);
    }

    /// <summary>Same as: <c>ip xfrm policy update ...</c> (adds or replaces).</summary>
    public sealed record UpdatePolicy(XfrmPolicy Policy) : XfrmChange
    {
        public override string Describe() => $"ip xfrm policy update {XfrmDescriptions.Of(Policy.Key)}";

        internal override void Encode(ref NetlinkWriter writer) => XfrmPolicyCodec.Encode(ref writer, Policy, XfrmMessageType.UpdPolicy);
    }

    /// <summary>Same as: <c>ip xfrm policy delete ...</c>; a missing policy counts as deleted.</summary>
    public sealed record DeletePolicy(XfrmPolicyKey Key) : XfrmChange
    {
        public override bool IsDelete => true;

        public override string Describe() => $"ip xfrm policy delete {XfrmDescriptions.Of(Key)}";

        internal override void Encode(ref NetlinkWriter writer) => XfrmPolicyKeyCodec.Encode(ref writer, Key, XfrmMessageType.DelPolicy);
    }
}
