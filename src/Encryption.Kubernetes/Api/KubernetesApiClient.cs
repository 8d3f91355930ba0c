using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Encryption.Kubernetes.Models;

namespace Encryption.Kubernetes.Api;

/// <summary>
/// The few Kubernetes API verbs the agent needs, over an <see cref="HttpClient"/> whose base address is
/// the API server and whose handler adds TLS and credentials (<see cref="Http.KubernetesHttp"/>).
/// Same as: <c>kubectl get --raw</c>, <c>kubectl get -w</c>, <c>kubectl patch --type=merge</c>, <c>kubectl create</c>.
/// </summary>
public sealed class KubernetesApiClient
{
    private const string MergePatchMediaType = "application/merge-patch+json";
    private const string JsonMediaType = "application/json";

    private readonly HttpClient _http;
    private readonly KubernetesApiClientOptions _options;
    private readonly TimeProvider _time;

    public KubernetesApiClient(HttpClient http, KubernetesApiClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
            throw new ArgumentException("The HttpClient needs the API server as its BaseAddress.", nameof(http));
        _http = http;
        _options = options ?? new KubernetesApiClientOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>One page of a list. <paramref name="continueToken"/> comes from the previous page.</summary>
    public Task<KubernetesList<T>> ListPageAsync<T>(
        ResourceType<T> type, ResourceQuery query, int? limit, string? continueToken, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(query);
        var request = new KubernetesRequest("list", type.Resource, query.Namespace, null);
        var path = type.Resource.CollectionPath(query.Namespace) + new QueryString()
            .Add(query)
            .Add("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("continue", continueToken);
        return SendAsync(request, HttpMethod.Get, path, content: null, type.ListInfo, cancellationToken);
    }

    /// <summary>
    /// Every object, following <c>continue</c> tokens. The result's resource version is the first page's:
    /// all pages are served from that one snapshot, so a watch from it misses nothing.
    /// </summary>
    public async Task<KubernetesList<T>> ListAsync<T>(
        ResourceType<T> type, ResourceQuery query, int? pageSize, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        var items = new List<T>();
        string? resourceVersion = null;
        string? continueToken = null;
        do
        {
            var page = await ListPageAsync(type, query, pageSize, continueToken, cancellationToken).ConfigureAwait(false);
            resourceVersion ??= page.Metadata.ResourceVersion;
            items.AddRange(page.Items);
            continueToken = page.Metadata.Continue;
        }
        while (!string.IsNullOrEmpty(continueToken));
        return new KubernetesList<T> { Metadata = new ListMeta { ResourceVersion = resourceVersion }, Items = items };
    }

    /// <summary>
    /// Streams watch events after <paramref name="resourceVersion"/>, with bookmarks, until the server ends
    /// the stream (its <paramref name="timeout"/>) or <paramref name="cancellationToken"/> fires. A 410 at
    /// connect time throws a <see cref="KubernetesApiException"/> with <see cref="KubernetesApiException.IsGone"/>;
    /// a 410 later arrives as an <see cref="WatchEventType.Error"/> event. A connection dropped mid-stream
    /// throws <see cref="HttpRequestException"/> or <see cref="IOException"/>.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(
        ResourceType<T> type,
        ResourceQuery query,
        string resourceVersion,
        TimeSpan timeout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(query);
        var request = new KubernetesRequest("watch", type.Resource, query.Namespace, null);
        var path = type.Resource.CollectionPath(query.Namespace) + new QueryString()
            .Add(query)
            .Add("watch", "true")
            .Add("resourceVersion", resourceVersion)
            .Add("allowWatchBookmarks", "true")
            .Add("timeoutSeconds", ((long)timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await ApiErrors.FromResponseAsync(response, request, cancellationToken).ConfigureAwait(false);

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = stream.ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
                continue;
            yield return WatchEventDecoder.Decode(line, type.ObjectInfo);
        }
    }

    public Task<T> GetAsync<T>(ResourceType<T> type, string? @namespace, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(type);
        var request = new KubernetesRequest("get", type.Resource, @namespace, name);
        return SendAsync(request, HttpMethod.Get, type.Resource.ItemPath(@namespace, name), content: null, type.ObjectInfo, cancellationToken);
    }

    /// <summary>
    /// A JSON merge patch (RFC 7386): objects merge, <c>null</c> deletes a key, arrays are replaced whole.
    /// Put <c>metadata.resourceVersion</c> in the patch to make it conditional (409 if the object moved on).
    /// Same as: <c>kubectl patch --type=merge</c>.
    /// </summary>
    public Task<T> PatchAsync<T>(ResourceType<T> type, string? @namespace, string name, JsonObject patch, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(patch);
        var request = new KubernetesRequest("patch", type.Resource, @namespace, name);
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(patch, KubernetesJsonContext.Default.JsonObject));
        content.Headers.ContentType = new MediaTypeHeaderValue(MergePatchMediaType);
        return SendAsync(request, HttpMethod.Patch, type.Resource.ItemPath(@namespace, name), content, type.ObjectInfo, cancellationToken);
    }

    public Task<T> CreateAsync<T>(ResourceType<T> type, T obj, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(obj);
        var ns = obj.Metadata.Namespace;
        var request = new KubernetesRequest("create", type.Resource, ns, obj.Metadata.Name);
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(obj, type.ObjectInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType);
        return SendAsync(request, HttpMethod.Post, type.Resource.CollectionPath(ns), content, type.ObjectInfo, cancellationToken);
    }

    private async Task<TResult> SendAsync<TResult>(
        KubernetesRequest request,
        HttpMethod method,
        string path,
        HttpContent? content,
        JsonTypeInfo<TResult> resultInfo,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var message = new HttpRequestMessage(method, path) { Content = content };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw await ApiErrors.FromResponseAsync(response, request, linked.Token).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using var _ = stream.ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(stream, resultInfo, linked.Token).ConfigureAwait(false)
                ?? throw new JsonException($"Kubernetes API: {request} returned an empty body.");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Kubernetes API: {request} did not complete within {_options.RequestTimeout}.");
        }
    }
}
