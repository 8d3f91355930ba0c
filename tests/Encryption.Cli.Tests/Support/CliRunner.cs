using System.CommandLine;
using Encryption.Cli.Commands;
using Spectre.Console;

namespace Encryption.Cli.Tests.Support;

/// <summary>Runs <c>encrypt keys ...</c> / <c>encrypt diagnose ...</c> in-process and captures everything it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 400;
        var root = new RootCommand { KeysCommand.Create(console, TimeProvider.System), DiagnoseCommand.Create(console, TimeProvider.System) };
        var parse = root.Parse(args);
        var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }
}
