using System.Collections.Immutable;
using Encryption.IPsec.Keys;

namespace Encryption.IPsec.Rotation;

/// <summary>A key the agent still holds: the one in force, or an older one kept while peers move off it.</summary>
public sealed record KeyRingEntry(IPsecKey Key)
{
    /// <summary>When a newer key replaced this one (null for the key in force).</summary>
    public DateTimeOffset? SupersededAt { get; init; }

    /// <summary>When every peer was first seen advertising a newer key (null until then).</summary>
    public DateTimeOffset? PeersMovedAt { get; init; }
}

/// <summary>
/// The keys in force, newest last. Loading a key file yields a new ring (immutable); refused rotations throw
/// <see cref="KeyRotationRefusedException"/> and leave the caller's ring untouched.
/// </summary>
public sealed record KeyRing
{
    public static readonly KeyRing Empty = new();

    public ImmutableList<KeyRingEntry> Entries { get; init; } = [];

    /// <summary>The newest key: the one new IN states and our advertisement use.</summary>
    public IPsecKey? Current => Entries.IsEmpty ? null : Entries[^1].Key;

    public IEnumerable<IPsecKey> Keys => Entries.Select(e => e.Key);

    public IPsecKey? Find(byte spi) => Entries.LastOrDefault(e => e.Key.Spi == spi)?.Key;

    /// <summary>
    /// Makes <paramref name="key"/> current. The same key again changes nothing. Refused (Cilium's rules): the same
    /// key ID with different material, and a different key length.
    /// </summary>
    public KeyRing Load(IPsecKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var current = Current;
        if (current is null)
            return this with { Entries = [new KeyRingEntry(key)] };
        if (current.Spi == key.Spi)
        {
            if (current.Algorithm == key.Algorithm)
                return this;
            throw new KeyRotationRefusedException(
                $"key {key.Spi} changed without a new key ID: invalid SPI: changing IPSec keys requires incrementing the key id (keeping key {current.Spi} in force)");
        }

        if (current.CiliumKeyLength != key.CiliumKeyLength)
            throw new KeyRotationRefusedException(
                $"invalid key rotation: key length must not change ({current.Algorithm.Describe()} -> {key.Algorithm.Describe()}); keeping key {current.Spi} in force. " +
                "To change the algorithm or key size, restart every agent with the new key file");

        var entries = Entries
            .Where(e => e.Key.Spi != key.Spi) // a wrapped-around ID replaces any leftover with the same ID
            .Select(e => e.SupersededAt is null ? e with { SupersededAt = now } : e)
            .ToImmutableList()
            .Add(new KeyRingEntry(key));
        return this with { Entries = entries };
    }

    /// <summary>Records, for superseded keys, the first time every peer advertised something newer.</summary>
    public KeyRing MarkPeersMoved(Func<byte, bool> anyPeerStillUses, DateTimeOffset now) => this with
    {
        Entries = Entries.Select(e => e.SupersededAt is not null && e.PeersMovedAt is null && !anyPeerStillUses(e.Key.Spi)
            ? e with { PeersMovedAt = now }
            : e).ToImmutableList(),
    };

    /// <summary>Drops superseded keys for which <paramref name="removable"/> holds.</summary>
    public KeyRing Prune(Func<KeyRingEntry, bool> removable) => this with
    {
        Entries = Entries.Where((e, i) => i == Entries.Count - 1 || !removable(e)).ToImmutableList(),
    };
}

/// <summary>A key change the rules forbid; the keys in force stay in force.</summary>
public sealed class KeyRotationRefusedException : Exception
{
    public KeyRotationRefusedException(string message) : base(message) { }

    public KeyRotationRefusedException() { }

    public KeyRotationRefusedException(string message, Exception inner) : base(message, inner) { }
}
