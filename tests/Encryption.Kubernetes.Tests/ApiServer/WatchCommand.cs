namespace Encryption.Kubernetes.Tests.ApiServer;

/// <summary>What a test tells the open watch streams to do.</summary>
public enum WatchCommand
{
    None,

    /// <summary>Reset the connection between two events.</summary>
    Drop,

    /// <summary>Write half an event line, then reset the connection.</summary>
    DropMidLine,

    /// <summary>Send a BOOKMARK at the current resource version (if the client allowed bookmarks).</summary>
    Bookmark,

    /// <summary>Send an ERROR event with a 410 Expired Status and end the stream.</summary>
    Expire,
}

internal sealed class WatchSession(ApiResource resource)
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<WatchCommand> _commands = new();

    public ApiResource Resource { get; } = resource;

    public void Post(WatchCommand command) => _commands.Enqueue(command);

    public WatchCommand Take() => _commands.TryDequeue(out var command) ? command : WatchCommand.None;
}
