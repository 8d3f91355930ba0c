using Microsoft.Extensions.Hosting;

namespace Encryption.Lab.Tests.Support;

/// <summary>A host lifetime that only records whether the service asked the host to stop.</summary>
internal sealed class TestLifetime : IHostApplicationLifetime
{
    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => CancellationToken.None;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public bool StopRequested { get; private set; }

    public void StopApplication() => StopRequested = true;
}
