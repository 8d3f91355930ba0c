using Encryption.Agent.Backends;
using Encryption.Agent.Hosting;
using Encryption.Agent.LocalNode;
using Encryption.Agent.State;
using Encryption.Core.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Encryption.Agent;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // `encryption-agent backends`: the backends this build can run, one per line (the lab asks before creating anything).
        if (args is ["backends"])
        {
            foreach (var type in BackendFactory.Built.Order())
                Console.WriteLine(BackendNames.Name(type));
            return 0;
        }

        // Options: values file < config directory < environment (ENCRYPTION_*) < flags (--node-name, --backend, ...).
        var loaded = OptionsLoader.Load(OptionsSources.FromProcess(args));
        foreach (var warning in loaded.Warnings)
            await Console.Error.WriteLineAsync($"encryption-agent: warning: {warning}").ConfigureAwait(false);
        if (loaded.Options is not { } options)
        {
            foreach (var error in loaded.Errors)
                await Console.Error.WriteLineAsync($"encryption-agent: {error}").ConfigureAwait(false);
            return 2;
        }

        WebApplication app;
        try
        {
            app = AgentHost.Build(options, BootIdReader.Read(options.Agent));
        }
        catch (BackendNotBuiltException e)
        {
            await Console.Error.WriteLineAsync($"encryption-agent: {e.Message}").ConfigureAwait(false);
            return 3;
        }
#pragma warning disable CA1031 // anything that stops the agent from being built (no kubeconfig, unreadable boot ID) ends it with its reason
        catch (Exception e)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"encryption-agent: cannot start: {e.Message}").ConfigureAwait(false);
            return 3;
        }

        // RunAsync disposes the host (and its services) when it returns: take the state first.
        var state = app.Services.GetRequiredService<AgentState>();
        await app.RunAsync().ConfigureAwait(false);
        return state.Snapshot().FatalError is null ? 0 : 1;
    }
}
