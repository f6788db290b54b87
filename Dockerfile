# One image with the three programs: the controller (the default entrypoint), the host node and the admin shell.
#   build:   scripts/build-image.sh            (or: podman build -t cluster .)
#   run:     controller   podman run cluster --help
#            host node    podman run --entrypoint /app/Cluster.HostNode cluster --help
#            shell        podman run --entrypoint /app/cluster-shell cluster --help
# The base images are arguments so that a build without a registry can use bases made locally
# (scripts/build-image.sh --local-bases); they must hold the .NET 10 SDK and the ASP.NET Core 10 runtime at
# /usr/share/dotnet. RUN instructions are exec form: no shell is needed in either base.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt ./
COPY src/ src/
# Three framework-dependent programs into one folder: they share the project assemblies and package versions
# (central package management), so each file is there once.
RUN ["dotnet", "publish", "src/Controller/Controller.csproj", "-c", "Release", "-o", "/out/app", "-p:DebugType=none", "-p:GenerateDocumentationFile=false"]
RUN ["dotnet", "publish", "src/HostNode/HostNode.csproj", "-c", "Release", "-o", "/out/app", "-p:DebugType=none", "-p:GenerateDocumentationFile=false"]
RUN ["dotnet", "publish", "src/Shell/Shell.csproj", "-c", "Release", "-o", "/out/app", "-p:DebugType=none", "-p:GenerateDocumentationFile=false"]
# The working directory of the processes (./data, appsettings.json), writable by the app user; WORKDIR makes it.
WORKDIR /out/var/lib/cluster

FROM ${RUNTIME_IMAGE}
ARG RUNTIME_IMAGE
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="cluster" \
      org.opencontainers.image.description="Virtualization cluster controller (VRM), host node (CNA) and admin shell" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="${RUNTIME_IMAGE}"
COPY --from=build --chown=0:0 /out/app/ /app/
COPY --from=build --chown=1654:1654 /out/var/lib/cluster/ /var/lib/cluster/
ENV DOTNET_ROOT=/usr/share/dotnet \
    PATH=/app:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_gcServer=0
WORKDIR /var/lib/cluster
# .NET's images' non-root user (APP_UID); numeric, so Kubernetes' runAsNonRoot can check it.
USER 1654
# The controller's cluster port, Akka.Management, the admin API; a host node's cluster, migration and probe ports.
EXPOSE 9000 8558 9110 9120 9130 9140
# Docker and podman only (Kubernetes uses the pod's probes): the controller's liveness on its default admin port.
# bash's /dev/tcp, since neither base has curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9110 && printf 'GET /healthz/live HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ $status == *' 200 '* ]]"]
ENTRYPOINT ["/app/Cluster.Controller"]
