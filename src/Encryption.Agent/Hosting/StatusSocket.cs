using Encryption.Agent.Logging;
using Microsoft.Extensions.Logging;

namespace Encryption.Agent.Hosting;

/// <summary>The unix socket file of the status API: its directory is created, and a stale file from a dead agent is removed.</summary>
internal static class StatusSocket
{
    public static void Prepare(string path, ILogger logger)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        if (File.Exists(path))
        {
            File.Delete(path);
            StatusLog.RemovedStaleSocket(logger, path);
        }
    }

    public static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
