namespace Encryption.Core.Backends;

/// <summary>
/// Optional for a backend whose state also changes on its own (a rotated key file, a rotation deadline, a key that is
/// now safe to advertise). The agent subscribes: <see cref="ApplyRequested"/> queues an apply like a cluster change,
/// <see cref="AdvertisementChanged"/> republishes the local node at once instead of at the next resync tick.
/// </summary>
public interface IBackendSignals
{
    /// <summary>The backend wants another <see cref="IEncryptionBackend.ApplyAsync"/>; the argument says why (for the log).</summary>
    event EventHandler<string>? ApplyRequested;

    /// <summary><see cref="IEncryptionBackend.DecorateLocalNode"/> now returns something different.</summary>
    event EventHandler? AdvertisementChanged;
}
