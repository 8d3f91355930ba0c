using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Encryption.Cli.Tests.Support;

/// <summary>An agent status socket (Kestrel on a unix socket) that answers <c>GET /v1/encrypt/status</c> with a fixed model.</summary>
internal sealed class FakeAgent : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeAgent(WebApplication app, string socket)
    {
        this.app = app;
        Socket = socket;
    }

    public string Socket { get; }

    public static Task<FakeAgent> StartAsync(string socket, JsonObject model) => StartAsync(socket, () => model);

    /// <summary>Answers with <paramref name="model"/>() as of each request.</summary>
    public static async Task<FakeAgent> StartAsync(string socket, Func<JsonObject> model)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socket));
        var app = builder.Build();
        app.MapGet("/v1/encrypt/status", () => Results.Content(
            new JsonObject { ["node"] = "node-a", ["type"] = "ipsec", ["health"] = "Ok", ["problems"] = new JsonArray(), ["json"] = model() }.ToJsonString(),
            "application/json"));
        await app.StartAsync();
        return new FakeAgent(app, socket);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
