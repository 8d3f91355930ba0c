namespace Xfrm.Model;

/// <summary>
/// A packet-mark match (<c>XFRMA_MARK</c>: the object applies when <c>(skb->mark &amp; Mask) == Value</c>),
/// or an output mark (<c>XFRMA_SET_MARK</c> / <c>XFRMA_SET_MARK_MASK</c>). The kernel stores a match mark's
/// value ANDed with its mask, so keep value bits inside the mask to get back what was sent.
/// </summary>
public readonly record struct XfrmMark(uint Value, uint Mask)
{
    /// <summary>A mark that must match exactly (mask all ones), as <c>ip xfrm ... mark V</c> without a mask.</summary>
    public static XfrmMark Exact(uint value) => new(value, uint.MaxValue);

    public override string ToString() => $"0x{Value:x}/0x{Mask:x}";
}
