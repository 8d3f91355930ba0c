using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Encryption.Kubernetes.Tests.ApiServer;

/// <summary>
/// An in-process Kubernetes API server on 127.0.0.1 (Kestrel) that honours the protocol the client relies
/// on: global resource versions, paged lists with continue tokens, chunked newline-delimited watch streams
/// replayed from a resource version, bookmarks, 410 Gone after compaction, RFC 7386 merge patches with
/// resourceVersion preconditions (strategic merge patches too, for built-in kinds, whose maps it merges alike),
/// Secret stringData folded into data, legacy discovery for kubectl, bearer tokens and client certificates, 401 and
/// 403 Status bodies.
/// </summary>
public sealed partial class ApiServerDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ApiServerDoubleOptions _options;
    private readonly ConcurrentDictionary<WatchSession, byte> _watches = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private ApiServerDouble(WebApplication app, ApiServerDoubleOptions options)
    {
        _app = app;
        _options = options;
    }

    public ObjectStore Store { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Bearer token → user name. When empty (and no client CA is set) requests are anonymous.</summary>
    public ConcurrentDictionary<string, string> Tokens { get; } = new();

    /// <summary>The authorizer; everything is allowed by default.</summary>
    public Func<RequestAttributes, bool> Authorize { get; set; } = _ => true;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public int OpenWatches(ApiResource resource) => _watches.Keys.Count(w => w.Resource == resource);

    public static async Task<ApiServerDouble> StartAsync(ApiServerDoubleOptions? options = null)
    {
        options ??= new ApiServerDoubleOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (options.ServerCertificate is null)
                return;
            listen.UseHttps(https =>
            {
                https.ServerCertificate = options.ServerCertificate;
                if (options.ClientCertificateAuthority is { } ca)
                {
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => IssuedBy(certificate, ca);
                }
            });
        }));
        var app = builder.Build();
        var server = new ApiServerDouble(app, options);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>Tells every open watch to do <paramref name="command"/> and wakes them.</summary>
    public void Command(WatchCommand command)
    {
        foreach (var watch in _watches.Keys)
            watch.Post(command);
        Store.Pulse();
    }

    public JsonObject Put(ApiResource resource, JsonObject obj) => Store.Put(resource, obj);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Method == "GET" && Discovery.Answer(context.Request.Path.Value ?? "") is { } discovery)
        {
            await WriteAsync(context, 200, discovery);
            return;
        }

        var path = ApiPath.Parse(context.Request.Path.Value ?? "");
        if (path is null)
        {
            await WriteAsync(context, 404, Statuses.Failure(404, "NotFound", "the server could not find the requested resource"));
            return;
        }

        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        var verb = Verb(context.Request.Method, path, query);
        var token = context.Request.Headers.Authorization.ToString() is { Length: > 7 } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal)
            ? auth[7..]
            : null;
        var user = Authenticate(context, token);
        _requests.Enqueue(new RecordedRequest(context.Request.Method, verb, path.Resource, path.Namespace, path.Name, query, token, context.Request.ContentType, user ?? "<unauthenticated>"));

        if (user is null)
        {
            await WriteAsync(context, 401, Statuses.Unauthorized());
            return;
        }
        var attributes = new RequestAttributes(user, verb, path.Resource, path.Namespace, path.Name);
        if (!Authorize(attributes))
        {
            await WriteAsync(context, 403, Statuses.Forbidden(attributes));
            return;
        }

        switch (verb)
        {
            case "watch":
                await WatchAsync(context, path, query);
                break;
            case "list":
                await ListAsync(context, path, query);
                break;
            case "get":
                await GetAsync(context, path);
                break;
            case "patch":
                await PatchAsync(context, path);
                break;
            case "create":
                await CreateAsync(context, path);
                break;
            case "delete":
                await DeleteAsync(context, path);
                break;
            default:
                await WriteAsync(context, 405, Statuses.Failure(405, "MethodNotAllowed", $"{context.Request.Method} is not supported"));
                break;
        }
    }

    private string? Authenticate(HttpContext context, string? token)
    {
        if (token is not null)
            return Tokens.TryGetValue(token, out var tokenUser) ? tokenUser : null;
        if (context.Connection.ClientCertificate is { } certificate)
            return certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return Tokens.IsEmpty && _options.ClientCertificateAuthority is null ? "system:anonymous" : null;
    }

    private static string Verb(string method, ApiPath path, Dictionary<string, string> query) => method switch
    {
        "GET" when path.Name is null && query.GetValueOrDefault("watch") is "true" or "1" => "watch",
        "GET" when path.Name is null => "list",
        "GET" => "get",
        "PATCH" => "patch",
        "POST" => "create",
        "PUT" => "update",
        "DELETE" => "delete",
        _ => method.ToLowerInvariant(),
    };

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
