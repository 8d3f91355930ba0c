namespace Encryption.Core.FileStore;

/// <summary>A document the store skipped: its file, why, and since when. The last valid version (if any) stays in use.</summary>
public sealed record FileStoreProblem(string Path, string Reason, DateTimeOffset Since)
{
    public override string ToString() => $"{Path}: {Reason}";
}
