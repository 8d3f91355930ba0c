using System.Globalization;
using System.Text;
using Xfrm.Model;

namespace Xfrm.Text;

/// <summary>
/// Renders states and policies the way <c>ip xfrm state list</c> / <c>ip xfrm policy list</c> (iproute2 6.1,
/// without <c>-s</c>) prints them, so the two can be compared line by line. Keys are shown only when asked.
/// </summary>
public static class XfrmTextRenderer
{
    /// <summary>Same as the output of: <c>ip xfrm policy list</c>, for these policies in this order.</summary>
    public static string RenderPolicies(IEnumerable<XfrmPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var text = new StringBuilder();
        foreach (var policy in policies)
            AppendPolicy(text, policy);
        return text.ToString();
    }

    /// <summary>Same as the output of: <c>ip xfrm state list</c> (or with <paramref name="showKeys"/> false, keys redacted).</summary>
    public static string RenderStates(IEnumerable<XfrmState> states, bool showKeys)
    {
        ArgumentNullException.ThrowIfNull(states);
        var text = new StringBuilder();
        foreach (var state in states)
            AppendState(text, state, showKeys);
        return text.ToString();
    }

    public static void AppendPolicy(StringBuilder text, XfrmPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(policy);
        AppendSelector(text, policy.Selector);
        text.Append('\n');
        text.Append("\tdir ").Append(Direction(policy.Direction)).Append(' ');
        if (policy.Action == XfrmPolicyAction.Block)
            text.Append("action block ");
        text.Append(Inv($"priority {policy.Priority} ptype {(policy.Type == XfrmPolicyType.Main ? "main" : "sub")} "));
        if (policy.Flags != XfrmPolicyFlags.None)
            text.Append("flag ").Append(string.Join(' ', PolicyFlagNames(policy.Flags)));
        text.Append('\n');
        if (policy.Mark is { } mark)
            text.Append(Inv($"\tmark 0x{mark.Value:x}/0x{mark.Mask:x} \n"));
        foreach (var template in policy.Templates)
        {
            text.Append(Inv($"\ttmpl src {template.Source} dst {template.Destination}\n"));
            text.Append("\t\tproto ").Append(Protocol(template.Protocol)).Append(' ');
            if (template.Spi != 0)
                text.Append(Inv($"spi 0x{template.Spi:x8} "));
            text.Append(Inv($"reqid {template.ReqId} mode {Mode(template.Mode)}\n"));
            if (template.Optional)
                text.Append("\t\tlevel use \n");
        }

        if (policy.InterfaceId is { } ifId)
            text.Append(Inv($"\tif_id 0x{ifId:x}\n"));
    }

    public static void AppendState(StringBuilder text, XfrmState state, bool showKeys)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(state);
        text.Append(Inv($"src {state.Source} dst {state.Destination}\n"));
        text.Append(Inv($"\tproto {Protocol(state.Protocol)} spi 0x{state.Spi:x8} reqid {state.ReqId} mode {Mode(state.Mode)}\n"));
        text.Append(Inv($"\treplay-window {state.ReplayWindow} "));
        if (state.Flags != XfrmStateFlags.None)
        {
            text.Length--;
            text.Append(" flag ").Append(string.Join(' ', StateFlagNames(state.Flags)));
        }

        text.Append('\n');
        if (state.Mark is { } mark)
        {
            text.Append(Inv($"\tmark 0x{mark.Value:x}/0x{mark.Mask:x} "));
            if (state.OutputMark is { } output)
                text.Append(Inv($"output-mark 0x{output.Value:x}/0x{output.Mask:x}"));
            text.Append('\n');
        }
        else if (state.OutputMark is { } output)
        {
            text.Append(Inv($"\toutput-mark 0x{output.Value:x}/0x{output.Mask:x}\n"));
        }

        if (state.Aead is { } aead)
            text.Append(Inv($"\taead {aead.Name} {Key(aead.Key, showKeys)} {aead.IcvBits}\n"));
        if (state.Authentication is { } auth)
        {
            text.Append(auth.TruncationBits is { } trunc
                ? Inv($"\tauth-trunc {auth.Name} {Key(auth.Key, showKeys)} {trunc}\n")
                : Inv($"\tauth {auth.Name} {Key(auth.Key, showKeys)}\n"));
        }

        if (state.Encryption is { } crypt)
            text.Append(Inv($"\tenc {crypt.Name} {Key(crypt.Key, showKeys)}\n"));
        AppendReplay(text, state);
        if (state.InterfaceId is { } ifId)
            text.Append(Inv($"\tif_id 0x{ifId:x}\n"));
        text.Append("\tsel ");
        AppendSelector(text, state.Selector);
        text.Append('\n');
    }

    private static void AppendReplay(StringBuilder text, XfrmState state)
    {
        if (state.ReplayEsn is { } esn)
        {
            text.Append("\tanti-replay esn context:\n");
            text.Append(Inv($"\t seq-hi 0x{esn.InboundSequenceHigh:x}, seq 0x{esn.InboundSequence:x}, oseq-hi 0x{esn.OutboundSequenceHigh:x}, oseq 0x{esn.OutboundSequence:x}\n"));
            text.Append(Inv($"\t replay_window {esn.ReplayWindow}, bitmap-length {esn.BitmapLength}\n"));
            for (var i = 0; i < esn.Bitmap.Count; i++)
            {
                if (i % 8 == 0)
                    text.Append("\t ");
                text.Append(Inv($"{esn.Bitmap[i]:x8} "));
                if (i % 8 == 7 || i == esn.Bitmap.Count - 1)
                    text.Append('\n');
            }
        }
        else if (state.Replay is { } replay)
        {
            text.Append(Inv($"\tanti-replay context: seq 0x{replay.InboundSequence:x}, oseq 0x{replay.OutboundSequence:x}, bitmap 0x{replay.Bitmap:x8}\n"));
        }
    }

    private static void AppendSelector(StringBuilder text, XfrmSelector selector)
    {
        var family = selector.Family == XfrmFamily.Unspecified ? XfrmFamily.IPv4 : selector.Family;
        var source = selector.Family == XfrmFamily.Unspecified ? XfrmFamilies.AnyAddress(family) : selector.Source;
        var destination = selector.Family == XfrmFamily.Unspecified ? XfrmFamilies.AnyAddress(family) : selector.Destination;
        text.Append(Inv($"src {source}/{selector.SourcePrefixLength} dst {destination}/{selector.DestinationPrefixLength} "));
        if (selector.Protocol != 0)
        {
            text.Append("proto ").Append(UpperProtocol(selector.Protocol)).Append(' ');
            if (selector.SourcePort != 0)
                text.Append(Inv($"sport {selector.SourcePort} "));
            if (selector.DestinationPort != 0)
                text.Append(Inv($"dport {selector.DestinationPort} "));
        }
    }

    private static string Key(XfrmKey key, bool showKeys) => showKeys ? key.RevealHex() : "<redacted>";

    private static string Direction(XfrmPolicyDirection direction) => direction switch
    {
        XfrmPolicyDirection.In => "in",
        XfrmPolicyDirection.Out => "out",
        XfrmPolicyDirection.Forward => "fwd",
        _ => Inv($"{(byte)direction}"),
    };

    private static string Protocol(XfrmProtocol protocol) => protocol switch
    {
        XfrmProtocol.Esp => "esp",
        XfrmProtocol.Ah => "ah",
        XfrmProtocol.Comp => "comp",
        _ => Inv($"{(byte)protocol}"),
    };

    private static string UpperProtocol(byte protocol) => protocol switch
    {
        1 => "icmp",
        6 => "tcp",
        17 => "udp",
        58 => "ipv6-icmp",
        132 => "sctp",
        _ => Inv($"{protocol}"),
    };

    private static string Mode(XfrmMode mode) => mode switch
    {
        XfrmMode.Transport => "transport",
        XfrmMode.Tunnel => "tunnel",
        XfrmMode.RouteOptimization => "ro",
        XfrmMode.InTrigger => "in_trigger",
        XfrmMode.Beet => "beet",
        _ => Inv($"{(byte)mode}"),
    };

    private static IEnumerable<string> PolicyFlagNames(XfrmPolicyFlags flags)
    {
        if (flags.HasFlag(XfrmPolicyFlags.LocalOk))
            yield return "localok";
        if (flags.HasFlag(XfrmPolicyFlags.Icmp))
            yield return "icmp";
    }

    private static IEnumerable<string> StateFlagNames(XfrmStateFlags flags)
    {
        (XfrmStateFlags Flag, string Name)[] names =
        [
            (XfrmStateFlags.NoEcn, "noecn"), (XfrmStateFlags.DecapDscp, "decap-dscp"), (XfrmStateFlags.NoPmtuDiscovery, "nopmtudisc"),
            (XfrmStateFlags.WildcardReceive, "wildrecv"), (XfrmStateFlags.Icmp, "icmp"), (XfrmStateFlags.AddressFamilyUnspecified, "af-unspec"),
            (XfrmStateFlags.Align4, "align4"), (XfrmStateFlags.Esn, "esn"),
        ];
        return names.Where(n => flags.HasFlag(n.Flag)).Select(n => n.Name);
    }

    private static string Inv(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
