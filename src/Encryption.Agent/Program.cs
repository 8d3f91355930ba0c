using Encryption.Agent.Backends;
using Encryption.Agent.Hosting;
using Encryption.Agent.LocalNode;
using Encryption.Agent.Options;
using Encryption.Agent.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Encryption.Agent;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = AgentOptionsReader.Read(args, Environment.GetEnvironmentVariable("K8S_NODE_NAME"), out var errors);
        if (options is null)
        {
            foreach (var error in errors)
                await Console.Error.WriteLineAsync($"encryption-agent: {error}").ConfigureAwait(false);
            return 2;
        }

        WebApplication app;
        try
        {
            app = AgentHost.Build(options, BootIdReader.Read(options));
        }
        catch (BackendNotBuiltException e)
        {
            await Console.Error.WriteLineAsync($"encryption-agent: {e.Message}").ConfigureAwait(false);
            return 3;
        }

        await using (app.ConfigureAwait(false))
        {
            await app.RunAsync().ConfigureAwait(false);
            return app.Services.GetRequiredService<AgentState>().Snapshot().FatalError is null ? 0 : 1;
        }
    }
}
