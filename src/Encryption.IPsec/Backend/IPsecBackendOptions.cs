using Encryption.Core.Configuration;

namespace Encryption.IPsec.Backend;

/// <summary>What the IPsec backend needs, mapped from the Helm <c>encryption.*</c> options by the agent.</summary>
public sealed record IPsecBackendOptions
{
    /// <summary>The pre-shared key file (<c>ipsec-key-file</c>; the mounted Secret <c>cilium-ipsec-keys</c>).</summary>
    public required string KeyFilePath { get; init; }

    /// <summary>Watch the key file; when off a rotation needs an agent restart (<c>enable-ipsec-key-watcher</c>).</summary>
    public bool WatchKeyFile { get; init; } = true;

    public TimeSpan KeyFilePollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound for keeping a superseded key (<c>ipsec-key-rotation-duration</c>).</summary>
    public TimeSpan RotationDuration { get; init; } = TimeSpan.FromMinutes(5);

    public IPsecPolicyMode Mode { get; init; } = IPsecPolicyMode.Selector;

    public bool NodeEncryption { get; init; }

    public StrictEgressOptions StrictEgress { get; init; } = new();

    /// <summary>Where the key ring (keys still held during a rotation) is kept across agent restarts, mode 0600.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>
    /// How often an apply is a full pass (dump the kernel, diff, repair drift) rather than the incremental difference
    /// from what the last pass installed. The agent maps it to half its resync interval, so every periodic resync is full.
    /// </summary>
    public TimeSpan FullResyncInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Warn when an OUT state's sequence number passes this fraction of its limit.</summary>
    public double SequenceWarningFraction { get; init; } = 0.9;

    public string KeyRingPath => Path.Combine(StateDirectory, "ipsec-keyring.json");
}
