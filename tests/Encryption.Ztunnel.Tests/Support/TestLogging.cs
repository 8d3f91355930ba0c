using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Encryption.Ztunnel.Tests.Support;

/// <summary>Silent by default; ZT_TEST_LOG=1 sends logs to the console when debugging a test.</summary>
public static class TestLogging
{
    public static ILoggerFactory Factory() =>
        Environment.GetEnvironmentVariable("ZT_TEST_LOG") == "1"
            ? LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug))
            : NullLoggerFactory.Instance;
}
