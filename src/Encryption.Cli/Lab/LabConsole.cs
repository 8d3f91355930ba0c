using Spectre.Console;

namespace Encryption.Cli.Lab;

/// <summary>Progress and results of the lab commands: one line per finished step, with its duration.</summary>
internal sealed class LabConsole(IAnsiConsole console, TimeProvider time)
{
    public IAnsiConsole Console => console;

    /// <summary>Runs a step; prints "✓ title (N ms)" when it ends, or "✗ title: error" and rethrows.</summary>
    public async Task<T> StepAsync<T>(string title, Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var started = time.GetTimestamp();
        try
        {
            var result = await action().ConfigureAwait(false);
            console.MarkupLine($"  [green]✓[/] {Markup.Escape(title)} [grey]({time.GetElapsedTime(started).TotalMilliseconds:0} ms)[/]");
            return result;
        }
        catch (Exception e)
        {
            console.MarkupLine($"  [red]✗[/] {Markup.Escape(title)}: {Markup.Escape(e.Message)}");
            throw;
        }
    }

    public Task StepAsync(string title, Func<Task> action) =>
        StepAsync(title, async () =>
        {
            await action().ConfigureAwait(false);
            return true;
        });

    public void Heading(string text) => console.MarkupLine($"[bold]{Markup.Escape(text)}[/]");

    public void Line(string text = "") => console.WriteLine(text);

    /// <summary>Text exactly as given (tabs and padding kept), e.g. a status in Cilium's layout.</summary>
    public void Raw(string text) => console.Profile.Out.Writer.Write(text);

    public void Good(string text) => console.MarkupLine($"[green]{Markup.Escape(text)}[/]");

    public void Bad(string text) => console.MarkupLine($"[red]{Markup.Escape(text)}[/]");

    public void Note(string text) => console.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
}
