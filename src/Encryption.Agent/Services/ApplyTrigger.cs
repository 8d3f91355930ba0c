using System.Threading.Channels;

namespace Encryption.Agent.Services;

/// <summary>
/// A coalescing "apply needed" signal: any number of <see cref="Request"/> calls before the loop wakes up become one
/// apply. The reason of the first pending request is kept, for the log.
/// </summary>
internal sealed class ApplyTrigger
{
    private readonly Channel<string> pending = Channel.CreateBounded<string>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Request(string reason) => pending.Writer.TryWrite(reason);

    public ValueTask<string> WaitAsync(CancellationToken cancellationToken) => pending.Reader.ReadAsync(cancellationToken);
}
