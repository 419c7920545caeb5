"""`jixiao serve | demo | export | restore`: the web application and its data."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import typer


def _setup_django() -> None:
    """Configure Django, creating the data directory of the default SQLite database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django  # noqa: PLC0415
    from django.conf import settings  # noqa: PLC0415

    if not os.environ.get("DATABASE_URL"):
        Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    django.setup()


def _migrate() -> None:
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", interactive=False, verbosity=0)


def _load_demo() -> bool:
    from jixiao.web.demo import load_demo  # noqa: PLC0415

    examples = Path.cwd() / "examples"
    return bool(load_demo(examples if examples.is_dir() else None))


def _print_accounts() -> None:
    from jixiao.web.demo import ACCOUNTS, DEMO_PASSWORD  # noqa: PLC0415
    from jixiao.web.states import ROLE_LABELS  # noqa: PLC0415

    typer.echo(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
    for username, role, _, _, full_name in ACCOUNTS:
        typer.echo(f"  {username:<8} {ROLE_LABELS[role]:<10} {full_name}")


def serve(  # noqa: PLR0917  (one parameter per CLI option)
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址"),
    port: int = typer.Option(8000, "--port", help="端口"),
    demo: bool = typer.Option(False, "--demo", help="首次使用时载入演示数据并显示演示账号"),  # noqa: FBT003,
    threads: int = typer.Option(8, "--threads", min=1, max=64, help="处理请求的线程数（waitress）"),
    workers: int = typer.Option(1, "--workers", min=1, max=16, help="进程数（多于 1 时仅限 Linux/macOS）"),
    dev: bool = typer.Option(False, "--dev", help="改用 Django 开发服务器（仅供开发调试）"),  # noqa: FBT003,
) -> None:
    """启动 Web 应用（waitress 多线程服务器；首次使用时自动创建并迁移 SQLite 数据库）。."""
    cache_dir = None
    if workers > 1 and not dev and not os.environ.get("JIXIAO_CACHE_DIR"):
        cache_dir = tempfile.mkdtemp(prefix="jixiao-cache-")  # processes share cached dashboards here
        os.environ["JIXIAO_CACHE_DIR"] = cache_dir
    _setup_django()
    _migrate()
    if demo:
        created = _load_demo()
        typer.echo("已载入演示数据：示例市财政局" if created else "演示数据已存在，未重复载入")
    from django.conf import settings  # noqa: PLC0415

    if host in {"0.0.0.0", "::"} and not os.environ.get("JIXIAO_ALLOWED_HOSTS"):  # noqa: S104
        settings.ALLOWED_HOSTS.append("*")  # every address of this machine; set JIXIAO_ALLOWED_HOSTS to limit
        typer.echo("提示：正在监听所有网络地址；正式使用请设置 JIXIAO_ALLOWED_HOSTS 和 JIXIAO_SECRET_KEY。")
    elif host not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append(host)
    shown = "127.0.0.1" if host in {"0.0.0.0", "::"} else host  # noqa: S104
    typer.echo(f"数据库：{settings.DATABASES['default']['NAME']}")
    typer.echo(f"访问地址：http://{shown}:{port}/")
    if demo:
        _print_accounts()
    typer.echo("按 Ctrl+C 停止。")
    sys.stdout.flush()  # the address and accounts show at once, also when stdout is a pipe
    if dev:
        from django.core.management import call_command  # noqa: PLC0415

        call_command("runserver", f"{host}:{port}", "--noreload", "--skip-checks")
        return
    from jixiao.web import server  # noqa: PLC0415

    try:
        server.serve(host, port, threads, workers)
    finally:
        if cache_dir:
            shutil.rmtree(cache_dir, ignore_errors=True)
    typer.echo("已停止。")


def demo() -> None:
    """在数据库中载入演示数据（示例市财政局，10 个项目）。."""
    _setup_django()
    _migrate()
    typer.echo("已载入演示数据" if _load_demo() else "演示数据已存在")
    _print_accounts()


def export(file: Path = typer.Argument(..., help="备份文件（JSON）")) -> None:
    """把 Web 应用的全部数据导出为 JSON 备份。."""
    _setup_django()
    _migrate()
    from jixiao.web.backup import export_data  # noqa: PLC0415

    payload = export_data()
    file.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    typer.echo(f"已导出 {len(payload['projects'])} 个项目、{len(payload['users'])} 个账号到 {file}")


def restore(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="备份文件（JSON）"),
    replace: bool = typer.Option(False, "--replace", help="清空现有数据后恢复"),  # noqa: FBT003,
) -> None:
    """从 JSON 备份恢复 Web 应用的全部数据（默认只恢复到空数据库）。."""
    _setup_django()
    _migrate()
    from jixiao.web.backup import restore_data  # noqa: PLC0415
    from jixiao.web.errors import DomainError  # noqa: PLC0415

    try:
        counts = restore_data(json.loads(file.read_text(encoding="utf-8")), replace=replace)
    except (DomainError, ValueError) as error:
        typer.echo(f"恢复失败：{error}", err=True)
        raise typer.Exit(2) from error
    typer.echo("已恢复：" + "，".join(f"{key} {count}" for key, count in counts.items()))


def register(app: typer.Typer) -> None:
    """Add the web commands to the app."""
    app.command("serve")(serve)
    app.command("demo")(demo)
    app.command("export")(export)
    app.command("restore")(restore)
