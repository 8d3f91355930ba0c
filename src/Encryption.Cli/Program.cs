using Encryption.Cli.Commands;
using Encryption.Cli.Lab;
using Spectre.Console;
using System.CommandLine;

namespace Encryption.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var plain = Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (Console.IsOutputRedirected)
            console.Profile.Width = 160;
        var time = TimeProvider.System;

        // Room for the IPsec work: `keys` (create/rotate/status) and `diagnose` join here.
        var root = new RootCommand("encrypt: transparent encryption for the nodes and pods of a cluster")
        {
            StatusCommand.Create(console), WireGuardCommand.Create(console),
            LabCommand.Create(new LabConsole(console, time), time),
            KeysCommand.Create(console, time),
            DiagnoseCommand.Create(console, time),
        };
        return root.Parse(args).InvokeAsync();
    }
}
