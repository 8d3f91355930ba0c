using System.Collections.Immutable;
using System.Net;
using Encryption.IPsec.Desired;
using Xfrm.Model;
using Xfrm.Stats;

namespace Encryption.IPsec.Status;

/// <summary>What the status is computed from: the owned objects as dumped, the counters, the agent's own facts.</summary>
public sealed record IPsecStatusInput
{
    public ImmutableArray<XfrmState> States { get; init; } = [];

    public ImmutableArray<XfrmPolicy> Policies { get; init; } = [];

    public XfrmStatistics? Counters { get; init; }

    /// <summary>This node's underlay addresses (OUT states start there).</summary>
    public ImmutableArray<IPAddress> LocalAddresses { get; init; } = [];

    public ImmutableArray<string> DecryptInterfaces { get; init; } = [];

    public ImmutableArray<byte> KeyIds { get; init; } = [];

    public byte AdvertisedKeyId { get; init; }

    public ImmutableArray<string> Messages { get; init; } = [];

    /// <summary>Warn past this fraction of the sequence-number space.</summary>
    public double SequenceWarningFraction { get; init; } = 0.9;
}

/// <summary>Per-direction counts for <c>cilium_ipsec_xfrm_states</c> and <c>cilium_ipsec_xfrm_policies</c>.</summary>
public sealed record IPsecObjectCounts(int StatesIn, int StatesOut, int PoliciesIn, int PoliciesOut, int PoliciesForward);

/// <summary>Builds <see cref="IPsecStatusReport"/> (pure). Key material is compared, never copied into the report.</summary>
public static class IPsecStatusBuilder
{
    public static IPsecStatusReport Build(IPsecStatusInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var messages = input.Messages.ToBuilder();
        var maxSequence = 0UL;
        foreach (var state in input.States.Where(s => IsOutbound(s, input.LocalAddresses)))
        {
            var sequence = state.ReplayEsn?.OutboundSequence64 ?? state.Replay?.OutboundSequence ?? 0;
            maxSequence = Math.Max(maxSequence, sequence);
            var limit = state.ReplayEsn is not null ? ulong.MaxValue : uint.MaxValue;
            if (sequence > limit * input.SequenceWarningFraction)
                messages.Add($"output sequence number of {state.Source} -> {state.Destination} spi 0x{state.Spi:x} is at {(double)sequence / limit:P0} of its limit: rotate the key");
        }

        return new IPsecStatusReport
        {
            DecryptInterfaces = input.DecryptInterfaces,
            KeysInUse = CountUniqueKeys(input.States),
            MaxSequenceNumber = maxSequence,
            XfrmErrors = input.Counters is null
                ? ImmutableSortedDictionary<string, long>.Empty
                : input.Counters.NonZero.ToImmutableSortedDictionary(c => c.Key, c => (long)c.Value, StringComparer.Ordinal),
            KeyIds = input.KeyIds,
            AdvertisedKeyId = input.AdvertisedKeyId,
            States = input.States.Length,
            Policies = input.Policies.Length,
            Messages = messages.ToImmutable(),
        };
    }

    /// <summary>Cilium's CountUniqueIPsecKeys: distinct AEAD keys, or distinct (auth, crypt) key pairs.</summary>
    public static int CountUniqueKeys(IEnumerable<XfrmState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var seen = new HashSet<(XfrmKey?, XfrmKey?)>(new KeyPairComparer());
        foreach (var state in states)
        {
            if (state.Aead is { } aead)
                seen.Add((aead.Key, null));
            else if (state.Authentication is { } auth && state.Encryption is { } crypt)
                seen.Add((auth.Key, crypt.Key));
        }

        return seen.Count;
    }

    public static IPsecObjectCounts Count(IEnumerable<XfrmState> states, IEnumerable<XfrmPolicy> policies, IReadOnlyCollection<IPAddress> localAddresses)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(policies);
        var outStates = 0;
        var inStates = 0;
        foreach (var state in states)
        {
            if (IsOutbound(state, localAddresses))
                outStates++;
            else
                inStates++;
        }

        var policyList = policies.ToList();
        return new IPsecObjectCounts(inStates, outStates,
            policyList.Count(p => p.Direction == XfrmPolicyDirection.In),
            policyList.Count(p => p.Direction == XfrmPolicyDirection.Out),
            policyList.Count(p => p.Direction == XfrmPolicyDirection.Forward));
    }

    /// <summary>OUT when the state carries Cilium's encrypt mark, or (selector mode) when it starts at a local address.</summary>
    private static bool IsOutbound(XfrmState state, IReadOnlyCollection<IPAddress> localAddresses) =>
        state.Mark is { } mark && (mark.Value & IPsecMarks.MagicMask) != 0
            ? (mark.Value & IPsecMarks.MagicMask) == IPsecMarks.Encrypt
            : localAddresses.Contains(state.Source);

    private sealed class KeyPairComparer : IEqualityComparer<(XfrmKey?, XfrmKey?)>
    {
        public bool Equals((XfrmKey?, XfrmKey?) x, (XfrmKey?, XfrmKey?) y) => Equals(x.Item1, y.Item1) && Equals(x.Item2, y.Item2);

        public int GetHashCode((XfrmKey?, XfrmKey?) obj) => HashCode.Combine(Hash(obj.Item1), Hash(obj.Item2));

        private static int Hash(XfrmKey? key)
        {
            if (key is null)
                return 0;
            var span = key.Span;
            return span.Length >= 4 ? BitConverter.ToInt32(span[..4]) : span.Length;
        }
    }
}
