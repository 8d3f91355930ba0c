using Microsoft.Extensions.Logging;

namespace Encryption.Core.Configuration;

/// <summary>Option log messages (event ids 1000-1099). Values are logged; options hold paths, never key material.</summary>
public static partial class OptionsLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Option warning: {Problem}")]
    public static partial void Warning(ILogger logger, string problem);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Option error: {Problem}")]
    public static partial void Error(ILogger logger, string problem);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Option {Key} added: {New}")]
    public static partial void Added(ILogger logger, string key, string? @new);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Option {Key} changed: {Old} -> {New}")]
    public static partial void Changed(ILogger logger, string key, string? old, string? @new);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Option {Key} removed (was {Old})")]
    public static partial void Removed(ILogger logger, string key, string? old);

    /// <summary>Logs every problem of a load result.</summary>
    public static void Report(ILogger logger, OptionsLoadResult result)
    {
        foreach (var warning in result.Warnings)
            Warning(logger, warning.ToString());
        foreach (var error in result.Errors)
            Error(logger, error.ToString());
    }

    /// <summary>Logs a diff, one line per key.</summary>
    public static void Report(ILogger logger, OptionsDiff diff)
    {
        foreach (var c in diff.Added)
            Added(logger, c.Key, c.New);
        foreach (var c in diff.Changed)
            Changed(logger, c.Key, c.Old, c.New);
        foreach (var c in diff.Removed)
            Removed(logger, c.Key, c.Old);
    }
}
