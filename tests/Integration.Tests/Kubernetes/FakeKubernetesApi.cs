using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.Integration.Tests.Kubernetes;

/// <summary>
/// The one route of a Kubernetes API server that Akka.Discovery.KubernetesApi calls,
/// <c>GET /api/v1/namespaces/{ns}/pods?labelSelector=...</c>, over HTTPS on loopback with a certificate made at
/// start. As the real server does, it refuses a request without the bearer token (401), filters the pods by their
/// namespace and an equality label selector, and answers a <see cref="V1PodList"/> in the API's JSON. A process is
/// pointed at it the way the kubelet points a pod at the real one: <see cref="Environment"/> (the service host and
/// port, and a kubeconfig that trusts this certificate) and the token file.
/// </summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, V1Pod> _pods = new();
    private readonly ConcurrentQueue<string> _selectorsAsked = new();
    private readonly string _token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private FakeKubernetesApi(WebApplication app, string dir, int port)
    {
        _app = app;
        Port = port;
        TokenFile = Path.Combine(dir, "token");
        File.WriteAllText(TokenFile, _token);
    }

    public int Port { get; }

    /// <summary>The service-account token a pod would have mounted.</summary>
    public string TokenFile { get; }

    /// <summary>The label selectors discovery asked for, each accepted request once.</summary>
    public IReadOnlyCollection<string> SelectorsAsked => [.. _selectorsAsked];

    /// <summary>What a pod's process needs in its environment to reach this server and trust its certificate.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    /// <summary>Starts the server on a free loopback port; its certificate and kubeconfig go to <paramref name="dir"/>.</summary>
    public static async Task<FakeKubernetesApi> StartAsync(string dir)
    {
        using var certificate = SelfSignedForLoopback();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
            listen.UseHttps(X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null))));
        var app = builder.Build();
        FakeKubernetesApi? api = null;
        app.MapGet("/api/v1/namespaces/{ns}/pods", (HttpContext context, string ns) => api!.ListPods(context, ns));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        api = new FakeKubernetesApi(app, dir, new Uri(address).Port);
        api.Environment = api.PodEnvironment(dir, certificate);
        return api;
    }

    /// <summary>Lists a running pod of <paramref name="ns"/> with <paramref name="labels"/> and one container whose ports are <paramref name="ports"/> (name → port).</summary>
    public void AddPod(string name, string ns, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, int> ports)
    {
        _pods[name] = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels.ToDictionary(), Uid = Guid.NewGuid().ToString() },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "main", Image = "cluster:latest", Ports = [.. ports.Select(p => new V1ContainerPort { ContainerPort = p.Value, Name = p.Key, Protocol = "TCP" })] }],
            },
            Status = new V1PodStatus { Phase = "Running", PodIP = "127.0.0.1", PodIPs = [new V1PodIP { Ip = "127.0.0.1" }] },
        };
    }

    /// <summary>The pod is gone from the list, as once Kubernetes has deleted it.</summary>
    public void RemovePod(string name) => _pods.TryRemove(name, out _);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private IResult ListPods(HttpContext context, string ns)
    {
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + _token)
        {
            return Status(401, "Unauthorized", "Unauthorized");
        }

        var selector = context.Request.Query["labelSelector"].ToString();
        if (!TryParseEqualitySelector(selector, out var wanted))
        {
            return Status(400, "BadRequest", $"unable to parse requirement: '{selector}' (this fake takes key=value[,key=value])");
        }

        _selectorsAsked.Enqueue(selector);
        var items = _pods.Values
            .Where(p => p.Metadata.NamespaceProperty == ns && wanted.All(w => p.Metadata.Labels.TryGetValue(w.Key, out var v) && v == w.Value))
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        var list = new V1PodList { ApiVersion = "v1", Kind = "PodList", Metadata = new V1ListMeta { ResourceVersion = "1" }, Items = items };
        return Results.Content(KubernetesJson.Serialize(list), "application/json");
    }

    private static bool TryParseEqualitySelector(string selector, out Dictionary<string, string> wanted)
    {
        wanted = [];
        foreach (var term in selector.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = term.Split('=');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[0].EndsWith('!'))
            {
                return false;
            }

            wanted[parts[0].Trim()] = parts[1].Trim();
        }

        return wanted.Count > 0;
    }

    private static IResult Status(int code, string reason, string message) =>
        Results.Content(KubernetesJson.Serialize(new V1Status { ApiVersion = "v1", Kind = "Status", Status = "Failure", Code = code, Reason = reason, Message = message }), "application/json", statusCode: code);

    /// <summary>
    /// KUBERNETES_SERVICE_HOST/_PORT are what the kubelet sets and discovery reads for the server's address. Outside a
    /// pod KubernetesClient takes its TLS trust from KUBECONFIG, so a kubeconfig names this certificate as the CA: the
    /// connection is verified, not trusted blindly.
    /// </summary>
    private Dictionary<string, string> PodEnvironment(string dir, X509Certificate2 certificate)
    {
        var caFile = Path.Combine(dir, "api-ca.crt");
        File.WriteAllText(caFile, certificate.ExportCertificatePem());
        var kubeconfig = Path.Combine(dir, "kubeconfig");
        File.WriteAllText(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: fake
                cluster:
                  server: https://127.0.0.1:{Port}
                  certificate-authority: {caFile}
            users:
              - name: pod
                user:
                  token: {_token}
            contexts:
              - name: fake
                context:
                  cluster: fake
                  user: pod
            current-context: fake
            """);
        return new Dictionary<string, string>
        {
            ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1",
            ["KUBERNETES_SERVICE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["KUBECONFIG"] = kubeconfig,
        };
    }

    private static X509Certificate2 SelfSignedForLoopback()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=fake-kube-apiserver", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(2));
    }
}
