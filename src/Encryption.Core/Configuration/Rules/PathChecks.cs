using System.Text;

namespace Encryption.Core.Configuration;

/// <summary>Checks shared by rules that take file system paths.</summary>
internal static class PathChecks
{
    /// <summary>sun_path is 108 bytes including the terminating NUL.</summary>
    public const int MaxUnixSocketPathBytes = 107;

    public static void RequireAbsolute(ValidationContext context, string key, string path, string purpose)
    {
        if (context.HasFailed(key))
            return;
        if (path.Length == 0)
            context.Error(key, $"is required ({purpose})");
        else if (!Path.IsPathRooted(path))
            context.Error(key, $"must be an absolute path ({purpose})");
    }

    public static void RequireSocketPath(ValidationContext context, string key, string path, string purpose)
    {
        RequireAbsolute(context, key, path, purpose);
        if (Encoding.UTF8.GetByteCount(path) > MaxUnixSocketPathBytes)
            context.Error(key, $"is longer than the {MaxUnixSocketPathBytes} bytes a unix socket path may have");
    }
}
