using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Encryption.Kubernetes.Tests.ApiServer;

public sealed partial class ApiServerDouble
{
    private static bool InScope(ApiPath path, JsonObject obj, Dictionary<string, string> query) =>
        (path.Namespace is null || obj["metadata"]?["namespace"]?.GetValue<string>() == path.Namespace)
        && Selectors.Matches(obj, query.GetValueOrDefault("fieldSelector"), query.GetValueOrDefault("labelSelector"));

    private async Task ListAsync(HttpContext context, ApiPath path, Dictionary<string, string> query)
    {
        var (all, resourceVersion) = Store.List(path.Resource);
        var items = all.Where(i => InScope(path, i.Object, query)).ToList();

        if (query.GetValueOrDefault("continue") is { Length: > 0 } token)
        {
            var (tokenVersion, lastKey) = DecodeContinue(token);
            if (tokenVersion < Store.CompactedThrough)
            {
                await WriteAsync(context, 410, Statuses.Failure(410, "Expired",
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter."));
                return;
            }
            resourceVersion = tokenVersion;
            items = items.Where(i => string.CompareOrdinal(i.Key, lastKey) > 0).ToList();
        }

        string? next = null;
        if (int.TryParse(query.GetValueOrDefault("limit"), out var limit) && limit > 0 && items.Count > limit)
        {
            items = items.Take(limit).ToList();
            next = EncodeContinue(resourceVersion, items[^1].Key);
        }

        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (next is not null)
            metadata["continue"] = next;
        await WriteAsync(context, 200, new JsonObject
        {
            ["kind"] = path.Resource.Kind + "List",
            ["apiVersion"] = path.Resource.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = new JsonArray([.. items.Select(i => (JsonNode)i.Object)]),
        });
    }

    private async Task GetAsync(HttpContext context, ApiPath path)
    {
        var obj = Store.Get(path.Resource, path.Namespace, path.Name!);
        await WriteAsync(context, obj is null ? 404 : 200, obj ?? Statuses.NotFound(path.Resource, path.Name!));
    }

    private async Task PatchAsync(HttpContext context, ApiPath path)
    {
        // Strategic merge patches exist for built-in kinds only (custom resources answer 415, as the real server
        // does); for the fields of the kinds served here (maps and scalars) they merge like RFC 7386.
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
        var builtIn = path.Resource.Group.Length == 0;
        if (mediaType != "application/merge-patch+json" && !(builtIn && mediaType == "application/strategic-merge-patch+json"))
        {
            var accepted = builtIn ? "application/merge-patch+json, application/strategic-merge-patch+json" : "application/merge-patch+json";
            await WriteAsync(context, 415, Statuses.Failure(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {accepted} (got {mediaType})"));
            return;
        }
        var patch = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        var current = Store.Get(path.Resource, path.Namespace, path.Name!);
        if (current is null)
        {
            await WriteAsync(context, 404, Statuses.NotFound(path.Resource, path.Name!));
            return;
        }
        var precondition = patch?["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (precondition is not null && precondition != current["metadata"]!["resourceVersion"]!.GetValue<string>())
        {
            await WriteAsync(context, 409, Statuses.Conflict(path.Resource, path.Name!));
            return;
        }

        var merged = (JsonObject)MergePatch.Apply(current, patch)!;
        merged["metadata"]!["name"] = path.Name;
        if (path.Namespace is not null)
            merged["metadata"]!["namespace"] = path.Namespace;
        merged["metadata"]!["resourceVersion"] = current["metadata"]!["resourceVersion"]!.DeepClone();
        SecretWrites.Normalize(path.Resource, merged);
        // A patch that changes nothing does not create a new resource version, as in the real server.
        var result = JsonNode.DeepEquals(merged, current) ? current : Store.Put(path.Resource, merged);
        await WriteAsync(context, 200, result);
    }

    private async Task CreateAsync(HttpContext context, ApiPath path)
    {
        if (await JsonNode.ParseAsync(context.Request.Body) is not JsonObject obj || obj["metadata"]?["name"] is null)
        {
            await WriteAsync(context, 400, Statuses.Failure(400, "BadRequest", "object without metadata.name"));
            return;
        }
        var name = obj["metadata"]!["name"]!.GetValue<string>();
        if (path.Namespace is not null)
            obj["metadata"]!["namespace"] = path.Namespace;
        if (Store.Get(path.Resource, path.Namespace, name) is not null)
        {
            await WriteAsync(context, 409, Statuses.AlreadyExists(path.Resource, name));
            return;
        }
        obj["metadata"]!.AsObject().Remove("resourceVersion");
        SecretWrites.Normalize(path.Resource, obj);
        await WriteAsync(context, 201, Store.Put(path.Resource, obj));
    }

    private async Task DeleteAsync(HttpContext context, ApiPath path)
    {
        var removed = Store.Delete(path.Resource, path.Namespace, path.Name!);
        await WriteAsync(context, removed is null ? 404 : 200, removed ?? Statuses.NotFound(path.Resource, path.Name!));
    }

    private static string EncodeContinue(long resourceVersion, string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{resourceVersion}|{lastKey}"));

    private static (long ResourceVersion, string LastKey) DecodeContinue(string token)
    {
        var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|', 2);
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]);
    }
}
