using Akka.Actor;
using Akka.Hosting;
using Cluster.Runtime.Cluster;
using Cluster.Runtime.Serialization;
using Cluster.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.Runtime.Tests.Cluster;

/// <summary>
/// <see cref="ClusterFormation.AddClusterFormation"/> on an Akka.Hosting builder, started by its hosted service as the
/// processes will: a TLS node that is its own seed comes up as a member on akka.ssl.tcp (so the setup, the HOCON and
/// the lease block all arrived).
/// </summary>
public sealed class ClusterFormationHostingTests : IClassFixture<TlsClusterFixture>, IAsyncLifetime
{
    private readonly TlsClusterFixture _fixture;
    private ServiceProvider? _services;

    public ClusterFormationHostingTests(TlsClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_hosted_TLS_node_seeding_itself_becomes_an_Up_member_on_akka_ssl_tcp()
    {
        var system = _services!.GetRequiredService<ActorSystem>();
        var cluster = Akka.Cluster.Cluster.Get(system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(up.SetResult);

        await up.Task.WaitAsync(TimeSpan.FromSeconds(40));
        Assert.Equal("akka.ssl.tcp", cluster.SelfAddress.Protocol);
        Assert.Contains(ClusterRoles.Controller, cluster.SelfRoles);
    }

    public async Task InitializeAsync()
    {
        var certs = _fixture.Certificates;
        var port = TlsNodes.FreePort();
        var settings = new ClusterFormationSettings(
            TlsNodes.SystemName, [ClusterRoles.Controller], Port: port, Seeds: [TlsNodes.Address(port)],
            Tls: new TlsSettings(true, certs.Node("c"), certs.ClusterPassword, certs.ClusterCa));
        var services = new ServiceCollection().AddLogging().AddSingleton<IHostApplicationLifetime, TestHostLifetime>();
        services.AddAkka(TlsNodes.SystemName, builder => builder
            .AddClusterWireSerializer()
            .AddClusterFormation(settings, _fixture.LeaseDatabase.LeaseBlock()));
        _services = services.BuildServiceProvider();
        await HostedServices.StartAllAsync(_services);
    }

    public Task DisposeAsync() => HostedServices.StopAllAsync(_services);
}
