using System.Net;
using System.Net.Http.Headers;
using Encryption.Kubernetes.Config;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Encryption.Kubernetes.Http;

/// <summary>
/// Adds <c>Authorization: Bearer</c> from a <see cref="ITokenSource"/>. On 401 it reloads the token once
/// and, if the token changed (a rotated service-account token), repeats the request with it.
/// </summary>
public sealed class BearerTokenHandler : DelegatingHandler
{
    private readonly ITokenSource _tokens;
    private readonly ILogger _logger;

    public BearerTokenHandler(ITokenSource tokens, ILogger? logger = null)
    {
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _logger = logger ?? NullLogger.Instance;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !_tokens.Invalidate())
            return response;

        var fresh = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (fresh == token)
        {
            HttpLog.TokenRejected(_logger, _tokens.Description);
            return response;
        }

        HttpLog.TokenReloaded(_logger, _tokens.Description);
        using var retry = await CloneAsync(request, cancellationToken).ConfigureAwait(false);
        retry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        response.Dispose();
        return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (var header in request.Headers)
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        if (request.Content is { } content)
        {
            var body = new ByteArrayContent(await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            foreach (var header in content.Headers)
                body.Headers.TryAddWithoutValidation(header.Key, header.Value);
            clone.Content = body;
        }
        return clone;
    }
}
