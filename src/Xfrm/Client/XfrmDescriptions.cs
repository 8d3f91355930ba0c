using Xfrm.Model;

namespace Xfrm.Client;

/// <summary>Short <c>ip xfrm</c>-style names of objects for operation names and errors (never key material).</summary>
internal static class XfrmDescriptions
{
    public static string Of(XfrmPolicyKey key)
    {
        var s = key.Selector;
        var text = key.Index != 0
            ? $"index {key.Index} dir {Direction(key.Direction)}"
            : $"src {s.Source}/{s.SourcePrefixLength} dst {s.Destination}/{s.DestinationPrefixLength} dir {Direction(key.Direction)}";
        if (key.Mark is { } mark)
            text += $" mark 0x{mark.Value:x} mask 0x{mark.Mask:x}";
        if (key.InterfaceId is { } ifId)
            text += $" if_id {ifId}";
        return text;
    }

    public static string Direction(XfrmPolicyDirection direction) => direction switch
    {
        XfrmPolicyDirection.In => "in",
        XfrmPolicyDirection.Out => "out",
        XfrmPolicyDirection.Forward => "fwd",
        _ => ((byte)direction).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
