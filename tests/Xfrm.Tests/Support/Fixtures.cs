using System.Net;
using Xfrm.Model;

namespace Xfrm.Tests.Support;

/// <summary>The canonical objects of the golden captures (testdata/capture.sh), one per shape.</summary>
internal static class Fixtures
{
    public static readonly XfrmKey GcmKey = XfrmKey.FromHex("0x5ceb47a1b03dae618aa2b1fa45bd2ec718346d79");
    public static readonly XfrmKey AuthKey = XfrmKey.FromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    public static readonly XfrmKey EncKey = XfrmKey.FromHex("202122232425262728292a2b2c2d2e2f");

    /// <summary>ip xfrm state add src 10.0.0.1 dst 10.0.1.1 proto esp spi 3 reqid 1 mode tunnel replay-window 1024 flag esn mark 0x13e00 mask 0xffffff00 output-mark 0xe00 mask 0xffffff00 aead 'rfc4106(gcm(aes))' KEY 128</summary>
    public static XfrmState AeadEsnState => new()
    {
        Source = IPAddress.Parse("10.0.0.1"),
        Destination = IPAddress.Parse("10.0.1.1"),
        Spi = 3,
        ReqId = 1,
        Mode = XfrmMode.Tunnel,
        Flags = XfrmStateFlags.Esn,
        ReplayEsn = XfrmReplayStateEsn.ForWindow(1024),
        Mark = new XfrmMark(0x13e00, 0xffffff00),
        OutputMark = new XfrmMark(0xe00, 0xffffff00),
        Aead = new XfrmAeadAlgorithm("rfc4106(gcm(aes))", GcmKey, 128),
    };

    /// <summary>ip xfrm state add src fd00::1 dst fd00::2 proto esp spi 0x100 reqid 2 mode tunnel replay-window 32 auth-trunc 'hmac(sha256)' KEY 128 enc 'cbc(aes)' KEY if_id 9 sel src fd00::1/128 dst fd00::2/128</summary>
    public static XfrmState CbcHmacV6State => new()
    {
        Source = IPAddress.Parse("fd00::1"),
        Destination = IPAddress.Parse("fd00::2"),
        Spi = 0x100,
        ReqId = 2,
        ReplayWindow = 32,
        Authentication = new XfrmAuthAlgorithm("hmac(sha256)", AuthKey, 128),
        Encryption = new XfrmCryptAlgorithm("cbc(aes)", EncKey),
        InterfaceId = 9,
        Selector = XfrmSelector.Between("fd00::1/128", "fd00::2/128"),
    };

    public static XfrmStateKey AeadEsnStateKey => new(IPAddress.Parse("10.0.1.1"), 3)
    {
        Source = IPAddress.Parse("10.0.0.1"),
        Mark = new XfrmMark(0x13e00, 0xffffff00),
    };

    /// <summary>ip xfrm policy add src 0.0.0.0/0 dst 10.0.1.0/24 dir out mark 0x13e00 mask 0xffffff00 tmpl src 10.0.0.1 dst 10.0.1.1 proto esp spi 3 reqid 1 mode tunnel</summary>
    public static XfrmPolicy OutTunnelPolicy => new()
    {
        Selector = XfrmSelector.Between("0.0.0.0/0", "10.0.1.0/24"),
        Direction = XfrmPolicyDirection.Out,
        Mark = new XfrmMark(0x13e00, 0xffffff00),
        Templates = new[] { XfrmTemplate.Tunnel(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.1.1"), 3, 1) },
    };

    /// <summary>ip xfrm policy add src 0.0.0.0/0 dst 0.0.0.0/0 dir fwd priority 2975 tmpl src 0.0.0.0 dst 0.0.0.0 proto esp reqid 0 mode tunnel level use</summary>
    public static XfrmPolicy ForwardOptionalPolicy => new()
    {
        Selector = XfrmSelector.Any(XfrmFamily.IPv4),
        Direction = XfrmPolicyDirection.Forward,
        Priority = 2975,
        Templates = new[] { new XfrmTemplate { Family = XfrmFamily.IPv4, Optional = true } },
    };

    /// <summary>ip xfrm policy add src ::/0 dst ::/0 dir out priority 100 action block mark 0xe00 mask 0xf00</summary>
    public static XfrmPolicy BlockV6Policy => new()
    {
        Selector = XfrmSelector.Any(XfrmFamily.IPv6),
        Direction = XfrmPolicyDirection.Out,
        Priority = 100,
        Action = XfrmPolicyAction.Block,
        Mark = new XfrmMark(0xe00, 0xf00),
    };

    /// <summary>ip xfrm policy update src fd00::1/128 dst fd00::2/128 proto tcp dport 443 dir out priority 10 flag localok if_id 7 tmpl src fd00::1 dst fd00::2 proto esp reqid 5 mode transport</summary>
    public static XfrmPolicy TransportPortsV6Policy => new()
    {
        Selector = XfrmSelector.Between("fd00::1/128", "fd00::2/128") with { Protocol = 6, DestinationPort = 443, DestinationPortMask = 0xffff },
        Direction = XfrmPolicyDirection.Out,
        Priority = 10,
        Flags = XfrmPolicyFlags.LocalOk,
        InterfaceId = 7,
        Templates = new[]
        {
            new XfrmTemplate
            {
                Family = XfrmFamily.IPv6,
                Source = IPAddress.Parse("fd00::1"),
                Destination = IPAddress.Parse("fd00::2"),
                ReqId = 5,
                Mode = XfrmMode.Transport,
            },
        },
    };
}
