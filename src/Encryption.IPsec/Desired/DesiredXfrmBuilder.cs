using System.Collections.Immutable;
using System.Net;
using Encryption.Core.Configuration;
using Encryption.IPsec.Keys;
using Encryption.IPsec.Planning;
using Encryption.IPsec.Rotation;
using Xfrm.Model;

namespace Encryption.IPsec.Desired;

/// <summary>
/// Turns tunnels and keys into XFRM states and policies. Pure. Per tunnel: an OUT state for every held key (so the
/// switch to a new key is one policy update), an IN state for every held key, and one OUT policy per remote
/// selector whose template names the key the peer advertises. Per family: the IN and FWD policies that let decrypted
/// traffic pass; in mark mode also Cilium's default-drop OUT policy.
/// </summary>
public static class DesiredXfrmBuilder
{
    public static DesiredXfrm Build(TunnelPlan plan, KeyRing ring, IPsecPolicyMode mode)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ring);
        var states = ImmutableArray.CreateBuilder<XfrmState>();
        var policies = ImmutableArray.CreateBuilder<XfrmPolicy>();
        foreach (var tunnel in plan.Tunnels)
        {
            var (tunnelStates, tunnelPolicies) = ForTunnel(tunnel, ring, mode);
            states.AddRange(tunnelStates);
            policies.AddRange(tunnelPolicies);
        }

        policies.AddRange(ForFamilies(plan.Tunnels.Select(t => XfrmFamilies.Of(t.LocalAddress)), mode));
        return new DesiredXfrm(states.ToImmutable(), policies.ToImmutable());
    }

    /// <summary>One tunnel's objects: OUT and IN states for every held key, one OUT policy per remote selector.</summary>
    public static (ImmutableArray<XfrmState> States, ImmutableArray<XfrmPolicy> Policies) ForTunnel(Tunnel tunnel, KeyRing ring, IPsecPolicyMode mode)
    {
        ArgumentNullException.ThrowIfNull(tunnel);
        ArgumentNullException.ThrowIfNull(ring);
        var states = ImmutableArray.CreateBuilder<XfrmState>(tunnel.InKeyIds.Length * 2);
        foreach (var keyId in tunnel.InKeyIds)
        {
            var key = ring.Find(keyId)!;
            states.Add(OutState(tunnel, key, mode));
            states.Add(InState(tunnel, key, mode));
        }

        var policies = ImmutableArray.CreateBuilder<XfrmPolicy>();
        var outKeys = mode == IPsecPolicyMode.Mark ? tunnel.InKeyIds : [tunnel.OutKeyId];
        foreach (var selector in tunnel.RemoteSelectors)
        {
            foreach (var keyId in outKeys)
                policies.Add(OutPolicy(tunnel, selector, keyId, mode));
        }

        return (states.MoveToImmutable(), policies.ToImmutable());
    }

    /// <summary>Per family with at least one tunnel: the IN and FWD pass-through policies; in mark mode the default-drop.</summary>
    public static ImmutableArray<XfrmPolicy> ForFamilies(IEnumerable<XfrmFamily> families, IPsecPolicyMode mode)
    {
        ArgumentNullException.ThrowIfNull(families);
        var policies = ImmutableArray.CreateBuilder<XfrmPolicy>();
        foreach (var family in new SortedSet<XfrmFamily>(families))
        {
            policies.Add(PassThrough(family, XfrmPolicyDirection.In, 0));
            policies.Add(PassThrough(family, XfrmPolicyDirection.Forward, IPsecMarks.ForwardPriority));
            if (mode == IPsecPolicyMode.Mark)
                policies.Add(DefaultDrop(family));
        }

        return policies.ToImmutable();
    }

    /// <summary>Same as: <c>ip xfrm state add src LOCAL dst REMOTE proto esp spi S reqid 1 mode tunnel flag esn replay-window 1024 aead ...</c></summary>
    private static XfrmState OutState(Tunnel t, IPsecKey key, IPsecPolicyMode mode) =>
        State(t.LocalAddress, t.RemoteAddress, KeyDerivation.Derive(key.Algorithm, t.LocalAddress, t.RemoteAddress, t.LocalBootId, t.RemoteBootId)) with
        {
            Spi = mode == IPsecPolicyMode.Mark ? key.Spi : IPsecMarks.SelectorSpi(t.LocalNodeId, key.Spi),
            Mark = mode == IPsecPolicyMode.Mark ? new XfrmMark(IPsecMarks.EncryptMark(key.Spi, t.RemoteNodeId), IPsecMarks.OutMask) : null,
            OutputMark = mode == IPsecPolicyMode.Mark ? new XfrmMark(IPsecMarks.Encrypt, IPsecMarks.OutputMask) : null,
        };

    private static XfrmState InState(Tunnel t, IPsecKey key, IPsecPolicyMode mode) =>
        State(t.RemoteAddress, t.LocalAddress, KeyDerivation.Derive(key.Algorithm, t.RemoteAddress, t.LocalAddress, t.RemoteBootId, t.LocalBootId)) with
        {
            Spi = mode == IPsecPolicyMode.Mark ? key.Spi : IPsecMarks.SelectorSpi(t.RemoteNodeId, key.Spi),
            Mark = mode == IPsecPolicyMode.Mark ? new XfrmMark(IPsecMarks.DecryptMark(t.RemoteNodeId), IPsecMarks.InMask) : null,
            OutputMark = mode == IPsecPolicyMode.Mark ? new XfrmMark(IPsecMarks.Decrypt, IPsecMarks.OutputMask) : null,
        };

    private static XfrmState State(IPAddress source, IPAddress destination, IPsecAlgorithm algorithm)
    {
        var state = new XfrmState
        {
            Source = source,
            Destination = destination,
            Spi = 0,
            ReqId = IPsecMarks.ReqId,
            Flags = XfrmStateFlags.Esn,
            ReplayEsn = XfrmReplayStateEsn.ForWindow(IPsecMarks.ReplayWindow),
        };
        return algorithm switch
        {
            IPsecAlgorithm.Aead a => state with { Aead = new XfrmAeadAlgorithm(a.Name, new XfrmKey(a.Key.Span), (uint)a.IcvBits) },
            IPsecAlgorithm.AuthEnc s => state with
            {
                Authentication = new XfrmAuthAlgorithm(s.AuthName, new XfrmKey(s.AuthKey.Span)),
                Encryption = new XfrmCryptAlgorithm(s.EncName, new XfrmKey(s.EncKey.Span)),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
    }

    /// <summary>Same as: <c>ip xfrm policy add src ANY dst SELECTOR dir out tmpl src LOCAL dst REMOTE proto esp spi S reqid 1 mode tunnel</c></summary>
    private static XfrmPolicy OutPolicy(Tunnel t, IPNetwork selector, byte keyId, IPsecPolicyMode mode)
    {
        var family = XfrmFamilies.Of(selector.BaseAddress);
        var spi = mode == IPsecPolicyMode.Mark ? keyId : IPsecMarks.SelectorSpi(t.LocalNodeId, keyId);
        return new XfrmPolicy
        {
            Selector = XfrmSelector.Any(family) with
            {
                Destination = selector.BaseAddress,
                DestinationPrefixLength = (byte)selector.PrefixLength,
            },
            Direction = XfrmPolicyDirection.Out,
            Mark = mode == IPsecPolicyMode.Mark ? new XfrmMark(IPsecMarks.EncryptMark(keyId, t.RemoteNodeId), IPsecMarks.OutMask) : null,
            Templates = new ValueList<XfrmTemplate>([XfrmTemplate.Tunnel(t.LocalAddress, t.RemoteAddress, spi, IPsecMarks.ReqId)]),
        };
    }

    /// <summary>Same as: <c>ip xfrm policy add src ANY dst ANY dir in|fwd [priority 2975] tmpl proto esp mode tunnel level use</c></summary>
    private static XfrmPolicy PassThrough(XfrmFamily family, XfrmPolicyDirection direction, uint priority) => new()
    {
        Selector = XfrmSelector.Any(family),
        Direction = direction,
        Priority = priority,
        Templates = new ValueList<XfrmTemplate>([new XfrmTemplate { Family = family, Source = XfrmFamilies.AnyAddress(family), Destination = XfrmFamilies.AnyAddress(family), Optional = true }]),
    };

    /// <summary>Same as: <c>ip xfrm policy add src ANY dst ANY dir out action block priority 100 mark 0xe00/0xf00</c></summary>
    private static XfrmPolicy DefaultDrop(XfrmFamily family) => new()
    {
        Selector = XfrmSelector.Any(family),
        Direction = XfrmPolicyDirection.Out,
        Action = XfrmPolicyAction.Block,
        Priority = IPsecMarks.DefaultDropPriority,
        Mark = new XfrmMark(IPsecMarks.Encrypt, IPsecMarks.MagicMask),
    };
}
