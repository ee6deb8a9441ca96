<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutBox</name>
    <message>
        <source>&lt;h3&gt;Ferry %1&lt;/h3&gt;&lt;p&gt;Downloads files over HTTP and HTTPS with several connections, resumes them after a break or a restart, and shares folders with other devices on the local network.&lt;/p&gt;&lt;p&gt;Also on the command line: &lt;code&gt;ferry get&lt;/code&gt;, &lt;code&gt;ferry serve&lt;/code&gt;, &lt;code&gt;ferry daemon&lt;/code&gt; (&lt;code&gt;ferry --help&lt;/code&gt;).&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Ferry %1&lt;/h3&gt;&lt;p&gt;通过 HTTP 和 HTTPS 以多个连接下载文件，中断或重启后可继续下载，并与局域网中的其他设备共享文件夹。&lt;/p&gt;&lt;p&gt;命令行中也可使用：&lt;code&gt;ferry get&lt;/code&gt;、&lt;code&gt;ferry serve&lt;/code&gt;、&lt;code&gt;ferry daemon&lt;/code&gt;（&lt;code&gt;ferry --help&lt;/code&gt;）。&lt;/p&gt;&lt;p&gt;使用 Qt %2 构建，运行于 Qt %3。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Ferry</source>
        <translation>关于 Ferry</translation>
    </message>
</context>
<context>
    <name>AccessLog</name>
    <message>
        <source>cannot write the access log %1: %2</source>
        <translation>无法写入访问日志 %1：%2</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <source>Could not remove %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <source>Ferry&apos;s path cannot be written into an autostart entry: %1</source>
        <translation>Ferry 的路径无法写入自动启动项：%1</translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ChecksumSpec</name>
    <message>
        <source>A checksum is written as algorithm=digest, for example sha256=&lt;64 hex digits&gt;.</source>
        <translation>校验和的写法是“算法=摘要”，例如 sha256=&lt;64 位十六进制数字&gt;。</translation>
    </message>
    <message>
        <source>Unknown checksum algorithm &quot;%1&quot;: use md5, sha1, sha256 or sha512.</source>
        <translation>未知的校验和算法“%1”：请使用 md5、sha1、sha256 或 sha512。</translation>
    </message>
    <message>
        <source>The %1 digest may contain only hexadecimal digits (0-9, a-f).</source>
        <translation>%1 摘要只能包含十六进制数字（0-9、a-f）。</translation>
    </message>
    <message>
        <source>A %1 digest has %2 hexadecimal digits, not %3.</source>
        <translation>%1 摘要应为 %2 位十六进制数字，而不是 %3 位。</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>校验已取消。</translation>
    </message>
</context>
<context>
    <name>ControlFile</name>
    <message>
        <source>The control file&apos;s field &quot;%1&quot; is missing or has the wrong type.</source>
        <translation>控制文件缺少字段“%1”，或该字段类型不正确。</translation>
    </message>
    <message>
        <source>The control file is damaged or incomplete (%1 at byte %2).</source>
        <translation>控制文件已损坏或不完整（第 %2 字节处：%1）。</translation>
    </message>
    <message>
        <source>This is not a Ferry control file.</source>
        <translation>这不是 Ferry 控制文件。</translation>
    </message>
    <message>
        <source>The control file has format version %1; this Ferry reads version %2.</source>
        <translation>控制文件的格式版本为 %1，而此版本的 Ferry 只能读取版本 %2。</translation>
    </message>
    <message>
        <source>The control file has no valid download address.</source>
        <translation>控制文件中没有有效的下载地址。</translation>
    </message>
    <message>
        <source>The control file describes a resumable download without a size.</source>
        <translation>控制文件描述的可续传下载缺少文件大小。</translation>
    </message>
    <message>
        <source>The control file&apos;s finished ranges overlap, are out of order or lie outside the file.</source>
        <translation>控制文件中已完成的区段相互重叠、顺序错乱或超出了文件范围。</translation>
    </message>
    <message>
        <source>The control file&apos;s checksum is not valid: %1</source>
        <translation>控制文件中的校验和无效：%1</translation>
    </message>
    <message>
        <source>The control file is too large to be genuine.</source>
        <translation>控制文件过大，不可能是有效的控制文件。</translation>
    </message>
</context>
<context>
    <name>DaemonCommand</name>
    <message>
        <source>Run the download engine without a window, driven over aria2&apos;s JSON-RPC (AriaNg, browser add-ons, scripts). Stops on Ctrl+C, SIGTERM or aria2.shutdown; the list of downloads is kept for the next start.</source>
        <translation>不打开窗口运行下载引擎，通过 aria2 的 JSON-RPC 控制（AriaNg、浏览器扩展、脚本）。按 Ctrl+C、收到 SIGTERM 或 aria2.shutdown 时停止；下载列表保留到下次启动。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>RPC port (default 6800; 0 picks a free one).</source>
        <translation>RPC 端口（默认 6800；0 表示自动选择空闲端口）。</translation>
    </message>
    <message>
        <source>The secret clients must send (&quot;token:SECRET&quot;).</source>
        <translation>客户端必须发送的密钥（“token:SECRET”）。</translation>
    </message>
    <message>
        <source>Read the secret from the first line of FILE.</source>
        <translation>从 FILE 的第一行读取密钥。</translation>
    </message>
    <message>
        <source>Accept calls without a secret (then web pages are refused, and only this machine should reach the port).</source>
        <translation>不需要密钥即可调用（此时拒绝来自网页的请求，且只应让本机访问该端口）。</translation>
    </message>
    <message>
        <source>Listen on every network interface, not only on this machine (loopback).</source>
        <translation>在所有网络接口上监听，而不仅是本机（回环地址）。</translation>
    </message>
    <message>
        <source>Where downloads go (default: the current folder).</source>
        <translation>下载保存的位置（默认：当前文件夹）。</translation>
    </message>
    <message>
        <source>Downloads running at once (default 3).</source>
        <translation>同时进行的下载数（默认 3）。</translation>
    </message>
    <message>
        <source>The session file (default: daemon-session.json in Ferry&apos;s data folder).</source>
        <translation>会话文件（默认：Ferry 数据文件夹中的 daemon-session.json）。</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos; (add downloads over the RPC)</source>
        <translation>多余的参数“%1”（请通过 RPC 添加下载）</translation>
    </message>
    <message>
        <source>invalid port &apos;%1&apos;</source>
        <translation>无效的端口“%1”</translation>
    </message>
    <message>
        <source>use only one of --rpc-secret, --rpc-secret-file and --rpc-no-secret</source>
        <translation>--rpc-secret、--rpc-secret-file 和 --rpc-no-secret 只能使用其中一个</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>the secret must be 1 to 256 printable characters without spaces</source>
        <translation>密钥必须是 1 到 256 个不含空格的可打印字符</translation>
    </message>
    <message>
        <source>-j takes a number from 1 to 100</source>
        <translation>-j 的值必须是 1 到 100 之间的数字</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>Ferry is listening for aria2 RPC calls at %1</source>
        <translation>Ferry 正在 %1 上接受 aria2 RPC 调用</translation>
    </message>
    <message>
        <source>Secret (the saved one; set another with --rpc-secret): %1</source>
        <translation>密钥（已保存的密钥；可用 --rpc-secret 指定其他密钥）：%1</translation>
    </message>
    <message>
        <source>No secret: any program on this machine can control Ferry.</source>
        <translation>未设置密钥：本机上的任何程序都能控制 Ferry。</translation>
    </message>
    <message>
        <source>Downloads go to %1; the session is kept in %2.</source>
        <translation>下载保存到 %1；会话保存在 %2。</translation>
    </message>
    <message>
        <source>Download through this proxy: [http://]HOST[:PORT] (port 80 when left out), socks5:// or socks5h://, with USER:PASSWORD@ if it needs a login (default: the *_proxy variables).</source>
        <translation>通过此代理下载：[http://]HOST[:PORT]（不写端口即 80）、socks5:// 或 socks5h://；代理需要登录时写上 USER:PASSWORD@（默认：*_proxy 环境变量）。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>The user for --all-proxy.</source>
        <translation>--all-proxy 的用户名。</translation>
    </message>
    <message>
        <source>USER</source>
        <translation>USER</translation>
    </message>
    <message>
        <source>The password for --all-proxy.</source>
        <translation>--all-proxy 的密码。</translation>
    </message>
    <message>
        <source>PASSWORD</source>
        <translation>PASSWORD</translation>
    </message>
    <message>
        <source>Hosts, domains and address blocks reached directly, separated by commas (e.g. localhost,.lan,10.0.0.0/8).</source>
        <translation>直接连接的主机、域名和地址段，用逗号分隔（例如 localhost,.lan,10.0.0.0/8）。</translation>
    </message>
    <message>
        <source>LIST</source>
        <translation>LIST</translation>
    </message>
    <message>
        <source>--%1: not a proxy Ferry can use (http://HOST:PORT, socks5:// or socks5h://)</source>
        <translation>--%1：不是 Ferry 能使用的代理（http://HOST:PORT、socks5:// 或 socks5h://）</translation>
    </message>
    <message>
        <source>New downloads go through the proxy %1.</source>
        <translation>新的下载通过代理 %1。</translation>
    </message>
</context>
<context>
    <name>DataSize</name>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
</context>
<context>
    <name>DirectoryListing</name>
    <message>
        <source>Shared folders</source>
        <translation>共享文件夹</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
</context>
<context>
    <name>DownloadQuestions</name>
    <message>
        <source>Remove from List</source>
        <translation>从列表中移除</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n download(s) from the list?</source>
        <translation>
            <numerusform>要从列表中移除 %n 个下载吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Downloaded files stay on disk. You can undo this for a few seconds.</source>
        <translation>已下载的文件保留在磁盘上。几秒钟内可以撤销。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message numerus="yes">
        <source>Also delete the partial files of %n unfinished download(s)</source>
        <translation>
            <numerusform>同时删除 %n 个未完成下载的部分文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel Downloads</source>
        <translation>取消下载</translation>
    </message>
    <message numerus="yes">
        <source>Stop %n download(s) and delete what was downloaded?</source>
        <translation>
            <numerusform>要停止 %n 个下载并删除已下载的内容吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>They leave the list; you can undo this for a few seconds.</source>
        <translation>它们将离开列表；几秒钟内可以撤销。</translation>
    </message>
    <message>
        <source>Cancel and Delete</source>
        <translation>取消并删除</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Pause Downloads</source>
        <translation>暂停下载</translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) cannot be resumed: the server does not support it.</source>
        <translation>
            <numerusform>%n 个下载无法继续：服务器不支持断点续传。</numerusform>
        </translation>
    </message>
    <message>
        <source>Pausing stops them now, and resuming starts them again from the beginning.</source>
        <translation>暂停会立即停止它们，继续时将从头开始下载。</translation>
    </message>
    <message>
        <source>Pause Anyway</source>
        <translation>仍然暂停</translation>
    </message>
    <message>
        <source>Keep Downloading</source>
        <translation>继续下载</translation>
    </message>
    <message>
        <source>Quit Ferry</source>
        <translation>退出 Ferry</translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) still running. Quit anyway?</source>
        <translation>
            <numerusform>仍有 %n 个下载正在进行。仍要退出吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>They stop now and continue when Ferry starts again; a download whose server cannot resume starts again from the beginning.</source>
        <translation>它们会立即停止，并在 Ferry 再次启动时继续；服务器不支持续传的下载将从头开始。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Don&apos;t ask again</source>
        <translation>不再询问</translation>
    </message>
</context>
<context>
    <name>DownloadState</name>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>校验中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>FileKind</name>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <source>Archives</source>
        <translation>压缩包</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Programs</source>
        <translation>程序</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>GetCommand</name>
    <message>
        <source>%1s</source>
        <translation>%1秒</translation>
    </message>
    <message>
        <source>%1m%2s</source>
        <translation>%1分%2秒</translation>
    </message>
    <message>
        <source>%1h%2m</source>
        <translation>%1时%2分</translation>
    </message>
    <message>
        <source>Saved %1 (%2 in %3 s, %4/s)</source>
        <translation>已保存 %1（%2，用时 %3 秒，%4/s）</translation>
    </message>
    <message>
        <source>ferry: interrupted; run the same command again to resume.</source>
        <translation>ferry：已中断；再次运行同一命令即可继续下载。</translation>
    </message>
    <message numerus="yes">
        <source>%n files</source>
        <translation>
            <numerusform>%n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Download URLs with several connections each. Re-running the same command resumes.</source>
        <translation>对每个 URL 使用多个连接下载。再次运行同一命令即可断点续传。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>Save into DIR (default: the current folder).</source>
        <translation>保存到 DIR 中（默认为当前文件夹）。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>Save as FILE (one URL only).</source>
        <translation>另存为 FILE（仅限一个 URL）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Connections per file, 1-16 (default 4).</source>
        <translation>每个文件的连接数，1-16（默认为 4）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Limit the total speed, e.g. 500K or 2M (bytes per second).</source>
        <translation>限制总速度，例如 500K 或 2M（字节/秒）。</translation>
    </message>
    <message>
        <source>RATE</source>
        <translation>RATE</translation>
    </message>
    <message>
        <source>Verify the file, e.g. sha256=HEX (md5, sha1, sha256, sha512).</source>
        <translation>校验文件，例如 sha256=HEX（支持 md5、sha1、sha256、sha512）。</translation>
    </message>
    <message>
        <source>ALGO=HEX</source>
        <translation>ALGO=HEX</translation>
    </message>
    <message>
        <source>Send an extra request header (repeatable).</source>
        <translation>发送额外的请求头（可多次使用）。</translation>
    </message>
    <message>
        <source>&apos;Name: value&apos;</source>
        <translation>&apos;Name: value&apos;</translation>
    </message>
    <message>
        <source>Print nothing but errors.</source>
        <translation>只输出错误信息。</translation>
    </message>
    <message>
        <source>What to download.</source>
        <translation>要下载的地址。</translation>
    </message>
    <message>
        <source>Run &apos;ferry get --help&apos; for the options.</source>
        <translation>运行 ferry get --help 查看可用选项。</translation>
    </message>
    <message>
        <source>no URL given</source>
        <translation>未指定 URL</translation>
    </message>
    <message>
        <source>-O names one file; give one URL, or use -o DIR</source>
        <translation>-O 只能指定一个文件：请只给出一个 URL，或改用 -o DIR</translation>
    </message>
    <message>
        <source>use either -o DIR or -O FILE</source>
        <translation>-o DIR 和 -O FILE 只能二选一</translation>
    </message>
    <message>
        <source>-x needs a number from 1 to 16</source>
        <translation>-x 需要 1 到 16 之间的数字</translation>
    </message>
    <message>
        <source>-O needs a file name, not a folder</source>
        <translation>-O 需要文件名，而不是文件夹</translation>
    </message>
    <message>
        <source>a header must look like &apos;Name: value&apos;: %1</source>
        <translation>请求头的格式应为 &apos;Name: value&apos;：%1</translation>
    </message>
    <message>
        <source>--limit-rate needs a speed such as 500K or 2M</source>
        <translation>--limit-rate 需要速度值，例如 500K 或 2M</translation>
    </message>
    <message>
        <source>Use this proxy: http://, socks5:// or socks5h://, with user:password@ if it needs a login.</source>
        <translation>使用此代理：http://、socks5:// 或 socks5h://；代理需要登录时写上 user:password@。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Connect directly, ignoring the proxy variables and the desktop&apos;s proxy.</source>
        <translation>直接连接，不理会代理环境变量和桌面的代理设置。</translation>
    </message>
    <message>
        <source>Log in to the server as USER (asks for the password on a terminal when it is left out).</source>
        <translation>以 USER 登录服务器（省略密码时在终端上询问）。</translation>
    </message>
    <message>
        <source>USER[:PASSWORD]</source>
        <translation>USER[:PASSWORD]</translation>
    </message>
    <message>
        <source>Do not look up logins in ~/.netrc.</source>
        <translation>不在 ~/.netrc 中查找登录信息。</translation>
    </message>
    <message>
        <source>Look up logins in FILE instead of ~/.netrc.</source>
        <translation>在 FILE 而不是 ~/.netrc 中查找登录信息。</translation>
    </message>
    <message>
        <source>Send the cookies of a Netscape cookies.txt file.</source>
        <translation>发送 Netscape cookies.txt 文件中的 Cookie。</translation>
    </message>
    <message>
        <source>Send this Referer.</source>
        <translation>发送此 Referer。</translation>
    </message>
    <message>
        <source>Send this User-Agent instead of Ferry&apos;s.</source>
        <translation>发送此 User-Agent，而不是 Ferry 的。</translation>
    </message>
    <message>
        <source>UA</source>
        <translation>UA</translation>
    </message>
    <message>
        <source>use either --proxy or --no-proxy</source>
        <translation>只能使用 --proxy 或 --no-proxy 之一</translation>
    </message>
    <message>
        <source>--proxy: %1</source>
        <translation>--proxy：%1</translation>
    </message>
    <message>
        <source>--user needs a user name</source>
        <translation>--user 需要用户名</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>%1 的密码：</translation>
    </message>
    <message>
        <source>--netrc-file: cannot read %1</source>
        <translation>--netrc-file：无法读取 %1</translation>
    </message>
    <message>
        <source>the command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>standard input</source>
        <translation>标准输入</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB; split the list</source>
        <translation>%1 超过 %2 MiB，请拆分列表</translation>
    </message>
    <message>
        <source>%1: %2 is not used as a mirror (only http and https URLs without a login are)</source>
        <translation>%1：%2 不能用作镜像（只有不含登录信息的 http 和 https URL 可以）</translation>
    </message>
    <message>
        <source>%1: %2 is listed again (first in %3); downloaded once</source>
        <translation>%1：%2 重复列出（首次出现在 %3），只下载一次</translation>
    </message>
    <message>
        <source>%1: %2 is also the file of %3 (%4)</source>
        <translation>%1：%2 也是 %3（%4）的文件</translation>
    </message>
    <message>
        <source>Attempts per connection before a file fails, 0 = no limit (default %1).</source>
        <translation>每个连接在文件失败前的尝试次数，0 = 不限（默认 %1）。</translation>
    </message>
    <message>
        <source>Wait SECONDS between attempts (default: 1 s, doubling up to 60 s).</source>
        <translation>两次尝试之间等待 SECONDS 秒（默认：1 秒，逐次加倍，最多 60 秒）。</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDS</translation>
    </message>
    <message>
        <source>Download the URLs listed in FILE, one a line, with aria2&apos;s indented out=NAME and dir=DIR lines; further URLs on a line, separated by tabs, are mirrors of the file; - reads standard input.</source>
        <translation>下载 FILE 中列出的 URL，每行一个，可带 aria2 格式的缩进 out=NAME 和 dir=DIR 行；同一行中以制表符分隔的其余 URL 是该文件的镜像；- 表示从标准输入读取。</translation>
    </message>
    <message>
        <source>Files downloaded at once, 1-%1 (default %2).</source>
        <translation>同时下载的文件数，1-%1（默认 %2）。</translation>
    </message>
    <message>
        <source>--checksum applies to one URL (in a list, give each its own checksum= line)</source>
        <translation>--checksum 只适用于一个 URL（列表中请为每项写自己的 checksum= 行）</translation>
    </message>
    <message>
        <source>--max-tries needs a number, 0 for no limit</source>
        <translation>--max-tries 需要一个数字，0 表示不限</translation>
    </message>
    <message>
        <source>--retry-wait needs a number of seconds from 0 to %1</source>
        <translation>--retry-wait 需要 0 到 %1 之间的秒数</translation>
    </message>
    <message>
        <source>-j needs a number from 1 to %1</source>
        <translation>-j 需要 1 到 %1 之间的数字</translation>
    </message>
    <message>
        <source>Nothing was downloaded.</source>
        <translation>未下载任何内容。</translation>
    </message>
    <message>
        <source>ferry get: the list holds no URL</source>
        <translation>ferry get：列表中没有 URL</translation>
    </message>
    <message>
        <source>With -O FILE: continue FILE.part even if it came from another URL (a new link to the same file). Its data is kept only if the server has the same file; otherwise the download starts again and says why.</source>
        <translation>与 -O FILE 一起使用：即使 FILE.part 来自另一个 URL（同一文件的新链接）也继续下载。仅当服务器上是同一个文件时才保留已有数据；否则重新开始下载并说明原因。</translation>
    </message>
    <message>
        <source>--continue needs -O FILE: the partial file to continue</source>
        <translation>--continue 需要 -O FILE：要继续的部分文件</translation>
    </message>
</context>
<context>
    <name>InputFile</name>
    <message>
        <source>out= must be a file name relative to the folder, not an absolute path</source>
        <translation>out= 必须是相对于文件夹的文件名，不能是绝对路径</translation>
    </message>
    <message>
        <source>out= must name a file, not a folder</source>
        <translation>out= 必须指定文件，而不是文件夹</translation>
    </message>
    <message>
        <source>out= must not leave the folder (no &quot;..&quot;)</source>
        <translation>out= 不能离开该文件夹（不能含 “..”）</translation>
    </message>
    <message>
        <source>contains a NUL byte: is this a text file?</source>
        <translation>含有 NUL 字节：这是文本文件吗？</translation>
    </message>
    <message>
        <source>is not UTF-8 text</source>
        <translation>不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>an indented option before the first URL (options go on the lines below their URL)</source>
        <translation>第一个 URL 之前出现了缩进的选项（选项应写在其 URL 下面的行中）</translation>
    </message>
    <message>
        <source>an indented line must be name=value, e.g. out=file.iso</source>
        <translation>缩进行必须是 name=value 形式，例如 out=file.iso</translation>
    </message>
    <message>
        <source>%1= has no value</source>
        <translation>%1= 没有值</translation>
    </message>
    <message>
        <source>%1= is given twice for the same URL</source>
        <translation>同一个 URL 给出了两次 %1=</translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot; (Ferry reads out, dir, checksum and header)</source>
        <translation>未知选项 “%1”（Ferry 支持 out、dir、checksum 和 header）</translation>
    </message>
</context>
<context>
    <name>RpcServer</name>
    <message>
        <source>cannot listen on port %1: %2</source>
        <translation>无法在端口 %1 上监听：%2</translation>
    </message>
</context>
<context>
    <name>ServeCommand</name>
    <message>
        <source>Share folders on the local network until Ctrl+C. Peers open the printed URL in a browser, or use curl, wget, aria2c or Ferry with the token.</source>
        <translation>在局域网内共享文件夹，直到按下 Ctrl+C。其他设备可在浏览器中打开显示的地址，或带上令牌用 curl、wget、aria2c 或 Ferry 下载。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>Port to listen on (default 8686; 0 picks a free one).</source>
        <translation>监听端口（默认为 8686；0 表示自动选择空闲端口）。</translation>
    </message>
    <message>
        <source>Share without a token: anyone who can reach the port can read.</source>
        <translation>不使用令牌共享：任何能连接到该端口的人都能读取。</translation>
    </message>
    <message>
        <source>Append one line per request to FILE.</source>
        <translation>每个请求向 FILE 追加一行记录。</translation>
    </message>
    <message>
        <source>Also list and serve hidden files (dotfiles).</source>
        <translation>同时列出并提供隐藏文件（以点开头的文件）。</translation>
    </message>
    <message>
        <source>Folders to share.</source>
        <translation>要共享的文件夹。</translation>
    </message>
    <message>
        <source>invalid port &apos;%1&apos;</source>
        <translation>无效的端口“%1”</translation>
    </message>
    <message>
        <source>invalid address &apos;%1&apos;</source>
        <translation>无效的地址“%1”</translation>
    </message>
    <message>
        <source>--token and --no-auth cannot be used together</source>
        <translation>--token 和 --no-auth 不能同时使用</translation>
    </message>
    <message>
        <source>name at least one folder to share (see &apos;ferry serve --help&apos;)</source>
        <translation>请至少指定一个要共享的文件夹（参见 ferry serve --help）</translation>
    </message>
    <message>
        <source>the token may only hold letters, digits and - _ . ~ (at most 256)</source>
        <translation>令牌只能包含字母、数字和 - _ . ~（最多 256 个字符）</translation>
    </message>
    <message numerus="yes">
        <source>Sharing %n folder(s). Open this address in a browser:</source>
        <translation>
            <numerusform>正在共享 %n 个文件夹。请在浏览器中打开此地址：</numerusform>
        </translation>
    </message>
    <message>
        <source>No token: anyone who can reach this port can read the shared folders.</source>
        <translation>未使用令牌：任何能连接到此端口的人都能读取共享文件夹。</translation>
    </message>
    <message>
        <source>Press Ctrl+C to stop.</source>
        <translation>按 Ctrl+C 停止。</translation>
    </message>
    <message>
        <source>Address to listen on (default ::, every interface, IPv4 and IPv6; 0.0.0.0 for IPv4 only).</source>
        <translation>监听的地址（默认 ::，即所有网络接口的 IPv4 和 IPv6；仅 IPv4 请用 0.0.0.0）。</translation>
    </message>
    <message>
        <source>Access token peers must present (default: $FERRY_TOKEN, else the saved one).</source>
        <translation>其他设备必须出示的访问令牌（默认：$FERRY_TOKEN，否则为已保存的令牌）。</translation>
    </message>
    <message>
        <source>Read the access token from the first line of FILE (kept off the command line).</source>
        <translation>从 FILE 的第一行读取访问令牌（令牌不出现在命令行上）。</translation>
    </message>
    <message>
        <source>--token and --token-file cannot be used together</source>
        <translation>--token 和 --token-file 不能同时使用</translation>
    </message>
    <message>
        <source>cannot read the token file %1: %2</source>
        <translation>无法读取令牌文件 %1：%2</translation>
    </message>
</context>
<context>
    <name>SessionStore</name>
    <message>
        <source>%1: the field &quot;%2&quot; is missing or not valid.</source>
        <translation>%1：字段“%2”缺失或无效。</translation>
    </message>
    <message>
        <source>download %1</source>
        <translation>第 %1 个下载</translation>
    </message>
    <message>
        <source>%1 is not a download record.</source>
        <translation>%1不是有效的下载记录。</translation>
    </message>
    <message>
        <source>the file is too large to be genuine</source>
        <translation>文件过大，不可能是有效的会话文件</translation>
    </message>
    <message>
        <source>the file is damaged or incomplete (%1 at byte %2)</source>
        <translation>文件已损坏或不完整（第 %2 字节处：%1）</translation>
    </message>
    <message>
        <source>this is not a Ferry session file</source>
        <translation>这不是 Ferry 会话文件</translation>
    </message>
    <message>
        <source>the file has format version %1; this Ferry reads version %2</source>
        <translation>文件的格式版本为 %1，而此版本的 Ferry 只能读取版本 %2</translation>
    </message>
    <message>
        <source>the list of downloads is missing</source>
        <translation>缺少下载列表</translation>
    </message>
    <message>
        <source>The download list %1 could not be read (%2). The previous copy was restored; the most recent changes may be missing. The damaged file was kept as %3.</source>
        <translation>无法读取下载列表 %1（%2）。已恢复上一份副本，最近的更改可能已丢失。损坏的文件已保留为 %3。</translation>
    </message>
    <message>
        <source>The download list %1 was missing. The previous copy was restored; the most recent changes may be missing.</source>
        <translation>下载列表 %1 不存在。已恢复上一份副本，最近的更改可能已丢失。</translation>
    </message>
    <message>
        <source>The download list %1 could not be read (%2) and there is no usable previous copy. Ferry starts with an empty list; the damaged file was kept as %3.</source>
        <translation>无法读取下载列表 %1（%2），且没有可用的上一份副本。Ferry 将以空列表启动；损坏的文件已保留为 %3。</translation>
    </message>
    <message>
        <source>Could not keep a copy of %1 as %2.</source>
        <translation>无法将 %1 的副本保留为 %2。</translation>
    </message>
    <message>
        <source>Could not create the folder %1 for the download list.</source>
        <translation>无法为下载列表创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Could not save the download list to %1: %2</source>
        <translation>无法将下载列表保存到 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) in the list %1 could not be read and were left out (%2). The file as it was is kept as %3.</source>
        <translation>
            <numerusform>下载列表 %1 中有 %n 个下载无法读取，已略去（%2）。原文件已保存为 %3。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShareRoots</name>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 不是文件夹。</translation>
    </message>
    <message>
        <source>The folder %1 cannot be read.</source>
        <translation>无法读取文件夹 %1。</translation>
    </message>
    <message>
        <source>The folder %1 cannot be shared: its path is not valid UTF-8.</source>
        <translation>无法共享文件夹 %1：其路径不是有效的 UTF-8。</translation>
    </message>
    <message>
        <source>The folder %1 is already shared.</source>
        <translation>文件夹 %1 已在共享中。</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>Add downloads</source>
        <translation>添加下载</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Resume or retry the selected downloads</source>
        <translation>继续或重试选中的下载</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause the selected downloads</source>
        <translation>暂停选中的下载</translation>
    </message>
    <message>
        <source>&amp;Cancel and Delete Data…</source>
        <translation>取消并删除数据(&amp;C)…</translation>
    </message>
    <message>
        <source>Cancel Download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <source>Stop the selected unfinished downloads, delete their partial files and remove them from the list</source>
        <translation>停止所选的未完成下载，删除其部分文件，并将其从列表中移除</translation>
    </message>
    <message>
        <source>Re&amp;move from List…</source>
        <translation>从列表中移除(&amp;M)…</translation>
    </message>
    <message>
        <source>Remove from List</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <source>Remove the selected downloads from the list; downloaded files stay on disk</source>
        <translation>将所选下载从列表中移除；已下载的文件保留在磁盘上</translation>
    </message>
    <message>
        <source>&amp;Undo Remove</source>
        <translation>撤销移除(&amp;U)</translation>
    </message>
    <message>
        <source>Open &amp;Folder</source>
        <translation>打开文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Show the selected download in its folder</source>
        <translation>在文件夹中显示所选的下载</translation>
    </message>
    <message>
        <source>Download &amp;Again</source>
        <translation>重新下载(&amp;A)</translation>
    </message>
    <message>
        <source>Download the selected files again: they were moved or deleted</source>
        <translation>重新下载所选文件：它们已被移动或删除</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>S&amp;haring</source>
        <translation>共享(&amp;H)</translation>
    </message>
    <message>
        <source>Share folders with other devices on the local network</source>
        <translation>在局域网内与其他设备共享文件夹</translation>
    </message>
    <message>
        <source>Copy &amp;URL</source>
        <translation>复制 URL(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Paste URLs</source>
        <translation>粘贴 URL(&amp;P)</translation>
    </message>
    <message>
        <source>Pause A&amp;ll</source>
        <translation>全部暂停(&amp;L)</translation>
    </message>
    <message>
        <source>Resume Al&amp;l</source>
        <translation>全部继续(&amp;L)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Downloads</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move &amp;Down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>Move to &amp;Top</source>
        <translation>移到顶部(&amp;T)</translation>
    </message>
    <message>
        <source>Move to &amp;Bottom</source>
        <translation>移到底部(&amp;B)</translation>
    </message>
    <message>
        <source>C&amp;lear Completed</source>
        <translation>清除已完成(&amp;L)</translation>
    </message>
    <message>
        <source>Remove the completed downloads from the list; their files stay on disk</source>
        <translation>从列表中移除已完成的下载；文件仍保留在磁盘上</translation>
    </message>
    <message>
        <source>&amp;About Ferry</source>
        <translation>关于 Ferry(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>详细信息(&amp;D)</translation>
    </message>
    <message>
        <source>Show everything about the selected download: its connections, speed and log</source>
        <translation>显示所选下载的全部信息：连接、速度和日志</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the folder, speed limit, connections or checksum of the selected downloads</source>
        <translation>更改所选下载的文件夹、速度限制、连接数或校验和</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
</context>
<context>
    <name>ferry</name>
    <message>
        <source>A file named “%1” exists already in %2; nothing was moved.</source>
        <translation>%2 中已有名为“%1”的文件；没有移动任何文件。</translation>
    </message>
    <message>
        <source>Cannot move %1 to %2: %3</source>
        <translation>无法将 %1 移动到 %2：%3</translation>
    </message>
</context>
<context>
    <name>ferry::AddDownloadsDialog</name>
    <message>
        <source>Add Downloads</source>
        <translation>添加下载</translation>
    </message>
    <message>
        <source>One URL per line (http or https)</source>
        <translation>每行一个 URL（http 或 https）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <source>Connections per download:</source>
        <translation>每个下载的连接数：</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>URLs:</source>
        <translation>URL：</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…另外还有 %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>These lines are not http or https URLs and will not be added:</source>
        <translation>
            <numerusform>以下内容不是 http 或 https URL，不会被添加：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n Downloads</source>
        <translation>
            <numerusform>添加 %n 个下载</numerusform>
        </translation>
    </message>
    <message>
        <source>Save Downloads To</source>
        <translation>选择下载保存位置</translation>
    </message>
    <message>
        <source>Optional, e.g. sha256=… (md5, sha1, sha256, sha512)</source>
        <translation>可选，例如 sha256=…（md5、sha1、sha256、sha512）</translation>
    </message>
    <message>
        <source> KiB/s</source>
        <translation> KiB/s</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>不限速</translation>
    </message>
    <message>
        <source>Add paused (start them later)</source>
        <translation>添加为暂停（稍后再开始）</translation>
    </message>
    <message>
        <source>File name:</source>
        <translation>文件名：</translation>
    </message>
    <message>
        <source>Checksum:</source>
        <translation>校验和：</translation>
    </message>
    <message>
        <source>Speed limit (each):</source>
        <translation>速度限制（每个下载）：</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Name: value, one per line</source>
        <translation>Name: value，每行一个</translation>
    </message>
    <message>
        <source>Ferry&apos;s own</source>
        <translation>Ferry 自己的</translation>
    </message>
    <message>
        <source>From the URL or ~/.netrc when empty</source>
        <translation>留空时取自 URL 或 ~/.netrc</translation>
    </message>
    <message>
        <source>Extra headers:</source>
        <translation>附加请求头：</translation>
    </message>
    <message>
        <source>Referer:</source>
        <translation>Referer：</translation>
    </message>
    <message>
        <source>User agent:</source>
        <translation>User-Agent：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Checksum: %1</source>
        <translation>校验和：%1</translation>
    </message>
    <message>
        <source>A header must look like &apos;Name: value&apos;: %1</source>
        <translation>请求头的格式必须是“Name: value”：%1</translation>
    </message>
    <message>
        <source>Each file keeps its own name</source>
        <translation>每个文件保留自己的名称</translation>
    </message>
    <message>
        <source>From the server when empty</source>
        <translation>留空时使用服务器给出的名称</translation>
    </message>
    <message>
        <source>Left as it is, each file goes to the folder Settings gives its category</source>
        <translation>保持不变时，每个文件会进入设置中为其类别指定的文件夹</translation>
    </message>
</context>
<context>
    <name>ferry::ChangeLinkDialog</name>
    <message>
        <source>Change Link</source>
        <translation>更换链接</translation>
    </message>
    <message>
        <source>New link for this download:</source>
        <translation>此下载的新链接：</translation>
    </message>
    <message>
        <source>What is already downloaded is kept if the new link has the same file; otherwise the download starts again.</source>
        <translation>如果新链接上是同一个文件，已下载的部分会保留；否则重新开始下载。</translation>
    </message>
    <message>
        <source>Change &amp;Link…</source>
        <translation>更换链接(&amp;L)…</translation>
    </message>
</context>
<context>
    <name>ferry::ClipboardOffer</name>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Copied a link to “%1”. Download it?</source>
        <translation>已复制指向“%1”的链接。要下载吗？</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n link(s) to files. Download them?</source>
        <translation>
            <numerusform>已复制 %n 个文件链接。要下载吗？</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::CookiesTxt</name>
    <message>
        <source>cannot read the cookies file %1: %2</source>
        <translation>无法读取 Cookie 文件 %1：%2</translation>
    </message>
    <message>
        <source>the cookies file %1 is larger than %2 MiB</source>
        <translation>Cookie 文件 %1 大于 %2 MiB</translation>
    </message>
</context>
<context>
    <name>ferry::DetailsPanel</name>
    <message>
        <source>Select a download to see its details.</source>
        <translation>选择一个下载以查看其详细信息。</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL：</translation>
    </message>
    <message>
        <source>Final URL:</source>
        <translation>最终 URL：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <source>ETag:</source>
        <translation>ETag：</translation>
    </message>
    <message>
        <source>Last modified:</source>
        <translation>最后修改：</translation>
    </message>
    <message>
        <source>Connections:</source>
        <translation>连接：</translation>
    </message>
    <message>
        <source>Segments:</source>
        <translation>分段：</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>Log (while Ferry runs):</source>
        <translation>日志（本次运行期间）：</translation>
    </message>
    <message>
        <source>the same</source>
        <translation>相同</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1（%2 字节）</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>尚不知道</translation>
    </message>
    <message>
        <source>none (not running)</source>
        <translation>无（未在运行）</translation>
    </message>
    <message numerus="yes">
        <source>, %n waiting to retry</source>
        <translation>
            <numerusform>，%n 个等待重试</numerusform>
        </translation>
    </message>
    <message>
        <source>; the server cannot resume: one connection</source>
        <translation>；服务器不支持续传：只用一个连接</translation>
    </message>
    <message numerus="yes">
        <source>; restarted from zero %n time(s)</source>
        <translation>
            <numerusform>；已从头重新开始 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s) receiving</source>
        <translation>
            <numerusform>%n 个连接正在接收</numerusform>
        </translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
</context>
<context>
    <name>ferry::Download</name>
    <message>
        <source>Not a valid http or https URL</source>
        <translation>不是有效的 http 或 https URL</translation>
    </message>
    <message>
        <source>Ignoring the damaged control file %1: %2</source>
        <translation>忽略已损坏的控制文件 %1：%2</translation>
    </message>
    <message>
        <source>The partial file %1 is missing; starting again</source>
        <translation>未下载完的文件 %1 已丢失，重新开始下载</translation>
    </message>
    <message>
        <source>The server cannot resume this download; starting again from the beginning</source>
        <translation>服务器无法续传此下载，将从头开始</translation>
    </message>
    <message>
        <source>The control file %1 does not fit the file; starting again</source>
        <translation>控制文件 %1 与文件不符，重新开始下载</translation>
    </message>
    <message>
        <source>Resuming at %1 of %2</source>
        <translation>从 %1 处继续（共 %2）</translation>
    </message>
    <message>
        <source>no data for %1 seconds</source>
        <translation>%1 秒内未收到数据</translation>
    </message>
    <message>
        <source>the server sent an invalid Content-Range</source>
        <translation>服务器发送了无效的 Content-Range</translation>
    </message>
    <message>
        <source>The server refused the request (416 Range Not Satisfiable)</source>
        <translation>服务器拒绝了请求（416 Range Not Satisfiable）</translation>
    </message>
    <message>
        <source>The server does not support resuming: one connection, and a restart from zero if it breaks</source>
        <translation>服务器不支持续传：只使用一个连接，中断后将从头重新下载</translation>
    </message>
    <message>
        <source>Cannot truncate %1</source>
        <translation>无法截断 %1</translation>
    </message>
    <message>
        <source>The file changed size on the server; starting again from the beginning</source>
        <translation>服务器上的文件大小已改变，将从头开始</translation>
    </message>
    <message>
        <source>the server answered a different range than asked (%1); nothing was written</source>
        <translation>服务器返回的范围与请求的不同（%1），未写入任何数据</translation>
    </message>
    <message>
        <source>The file changed on the server; starting again from the beginning</source>
        <translation>服务器上的文件已改变，将从头开始</translation>
    </message>
    <message>
        <source>The server sent the whole file instead of the missing part (the file changed, or resuming stopped working); starting again from the beginning</source>
        <translation>服务器发送了整个文件，而不是缺少的部分（文件已改变，或续传已失效），将从头开始</translation>
    </message>
    <message>
        <source>The server no longer has the requested range (the file changed); starting again</source>
        <translation>服务器上已没有所请求的范围（文件已改变），重新开始下载</translation>
    </message>
    <message>
        <source>The server answered %1 %2</source>
        <translation>服务器返回 %1 %2</translation>
    </message>
    <message>
        <source>the connection closed early</source>
        <translation>连接过早关闭</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>Gave up after %1 attempts: %2</source>
        <translation>尝试 %1 次后放弃：%2</translation>
    </message>
    <message>
        <source>Connection %1: %2; retrying in %3 s</source>
        <translation>连接 %1：%2；%3 秒后重试</translation>
    </message>
    <message>
        <source>%1 exists already; skipped</source>
        <translation>%1 已存在，已跳过</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Not enough disk space for %1 (%2 needed in %3)</source>
        <translation>磁盘空间不足，无法保存 %1（%3 中需要 %2）</translation>
    </message>
    <message>
        <source>The disk is full: cannot write %1</source>
        <translation>磁盘已满：无法写入 %1</translation>
    </message>
    <message>
        <source>Could not save progress to %1: %2</source>
        <translation>无法将进度保存到 %1：%2</translation>
    </message>
    <message>
        <source>The file keeps changing on the server</source>
        <translation>服务器上的文件一直在变化</translation>
    </message>
    <message>
        <source>Cannot read %1 to verify it: %2</source>
        <translation>无法读取 %1 进行校验：%2</translation>
    </message>
    <message>
        <source>Checksum mismatch (%1 expected %2, got %3); the data is kept in %4</source>
        <translation>校验和不匹配（%1 应为 %2，实际为 %3）；数据保留在 %4 中</translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2: %3</source>
        <translation>无法将 %1 重命名为 %2：%3</translation>
    </message>
    <message>
        <source>%1 is being downloaded by another Ferry (its partial file %2 is in use)</source>
        <translation>另一个 Ferry 正在下载 %1（其未完成文件 %2 正在使用中）</translation>
    </message>
    <message>
        <source>Cannot lock %1: %2</source>
        <translation>无法锁定 %1：%2</translation>
    </message>
    <message>
        <source>Connection %1: the server ignores the range asked; reading through to byte %2</source>
        <translation>连接 %1：服务器忽略了请求的范围；读过前面的数据直到第 %2 字节</translation>
    </message>
    <message>
        <source>The server&apos;s data differs from the data on disk where the download resumed (at byte %1): the file changed, and the server sends no ETag that would have said so; starting again from the beginning</source>
        <translation>服务器的数据与磁盘上续传处的数据不同（第 %1 字节）：文件已更改，而服务器没有发送可以说明这一点的 ETag；从头重新开始</translation>
    </message>
    <message>
        <source>the server sent the whole file instead of the range asked (same file); nothing was written</source>
        <translation>服务器发送了整个文件而不是请求的范围（同一文件）；没有写入任何数据</translation>
    </message>
    <message>
        <source>The partial file %1 is shorter than its control file says (%2 of %3); the rest is fetched again</source>
        <translation>部分文件 %1 比控制文件记录的短（%2 / %3）；其余部分将重新下载</translation>
    </message>
    <message>
        <source>Connection %1 retired after %2 attempts (%3); the others go on</source>
        <translation>连接 %1 尝试 %2 次后停用（%3）；其他连接继续下载</translation>
    </message>
    <message>
        <source>Continuing %1 (started from %2) from the new link; its data is kept only if the server has the same file</source>
        <translation>用新链接继续下载 %1（原先来自 %2）；仅当服务器上是同一个文件时才保留已有数据</translation>
    </message>
    <message>
        <source>%1 redirected to %2, which is not an http or https URL</source>
        <translation>%1 重定向到 %2，它不是 http 或 https URL</translation>
    </message>
    <message>
        <source>Refused the redirect from https to http (%1): it is less safe</source>
        <translation>已拒绝从 https 到 http 的重定向（%1）：这样不够安全</translation>
    </message>
    <message>
        <source>Too many redirects (more than %1), the last to %2</source>
        <translation>重定向次数过多（超过 %1 次），最后一次指向 %2</translation>
    </message>
    <message>
        <source>Could not remove %1: %2</source>
        <translation>无法删除 %1：%2</translation>
    </message>
    <message>
        <source>Cannot remove %1: %2</source>
        <translation>无法删除 %1：%2</translation>
    </message>
    <message>
        <source>TLS failed for %1: %2</source>
        <translation>与 %1 的 TLS 连接失败：%2</translation>
    </message>
    <message numerus="yes">
        <source>%1 served %n connection(s) at once and refused more: starting with %2</source>
        <translation>
            <numerusform>%1 同时只接受了 %n 个连接，拒绝了更多：以 %2 个连接开始</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connection %1: %2; %3 serves %n connection(s) at once: retired</source>
        <translation>
            <numerusform>连接 %1：%2；%3 同时只接受 %n 个连接：此连接停用</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 serves more connections now: connection %2 added</source>
        <translation>%1 现在可接受更多连接：已添加连接 %2</translation>
    </message>
</context>
<context>
    <name>ferry::DownloadEngine</name>
    <message>
        <source>Trying again after: %1</source>
        <translation>重新尝试，上次失败原因：%1</translation>
    </message>
    <message>
        <source>The link %1 failed (%2); trying the next one: %3</source>
        <translation>链接 %1 失败（%2）；正在尝试下一个：%3</translation>
    </message>
    <message>
        <source>No folder given for %1.</source>
        <translation>没有为 %1 指定文件夹。</translation>
    </message>
    <message>
        <source>%1 is being moved already.</source>
        <translation>%1 正在移动中。</translation>
    </message>
    <message>
        <source>%1 is being verified; move it when that is done.</source>
        <translation>%1 正在校验；请在校验完成后再移动。</translation>
    </message>
    <message>
        <source>The move was interrupted.</source>
        <translation>移动被中断。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>%1 is not on disk any more; nothing was moved.</source>
        <translation>%1 已不在磁盘上；没有移动任何文件。</translation>
    </message>
    <message>
        <source>A file named “%1” exists already in %2; nothing was moved.</source>
        <translation>%2 中已有名为“%1”的文件；没有移动任何文件。</translation>
    </message>
</context>
<context>
    <name>ferry::DownloadListModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>Retrying at %1: %2</source>
        <translation>将于 %1 重试：%2</translation>
    </message>
    <message>
        <source>%1 was moved or deleted. Double-click to download it again.</source>
        <translation>%1 已被移动或删除。双击可重新下载。</translation>
    </message>
    <message>
        <source>Failed again: %1</source>
        <translation>再次失败：%1</translation>
    </message>
    <message>
        <source>File missing</source>
        <translation>文件已丢失</translation>
    </message>
    <message>
        <source>Queued to retry</source>
        <translation>排队等待重试</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>正在重试</translation>
    </message>
    <message>
        <source>Moving to another folder…</source>
        <translation>正在移到另一个文件夹…</translation>
    </message>
</context>
<context>
    <name>ferry::DownloadNetwork</name>
    <message>
        <source>Cannot use the proxy (%1)</source>
        <translation>无法使用代理（%1）</translation>
    </message>
    <message>
        <source>%1 line %2: %3; not used</source>
        <translation>%1 第 %2 行：%3；未使用</translation>
    </message>
    <message>
        <source>%1 refused the login (401): wrong user or password</source>
        <translation>%1 拒绝了登录（401）：用户名或密码错误</translation>
    </message>
    <message>
        <source>%1 needs a login (401): give --user, a user:password@ URL or a ~/.netrc entry</source>
        <translation>%1 需要登录（401）：请使用 --user、带 user:password@ 的 URL 或 ~/.netrc 条目</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>（正在使用的）</translation>
    </message>
    <message>
        <source>The proxy %1 refused the login (407): wrong user or password</source>
        <translation>代理 %1 拒绝了登录（407）：用户名或密码错误</translation>
    </message>
    <message>
        <source>The proxy %1 needs a login (407): give it as user:password@ in the proxy URL</source>
        <translation>代理 %1 需要登录（407）：请在代理 URL 中写上 user:password@</translation>
    </message>
    <message>
        <source>The proxy %1 failed: %2</source>
        <translation>代理 %1 出错：%2</translation>
    </message>
</context>
<context>
    <name>ferry::EditDownloadsDialog</name>
    <message>
        <source>(several values)</source>
        <translation>（多个值）</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>编辑“%1”</translation>
    </message>
    <message numerus="yes">
        <source>Edit %n Download(s)</source>
        <translation>
            <numerusform>编辑 %n 个下载</numerusform>
        </translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source> KiB/s</source>
        <translation> KiB/s</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>不限速</translation>
    </message>
    <message>
        <source>0: no limit of its own (the global limit still applies)</source>
        <translation>0：没有单独的限制（全局限制仍然适用）</translation>
    </message>
    <message>
        <source>For one download at a time</source>
        <translation>一次只能用于一个下载</translation>
    </message>
    <message>
        <source>Completed: nothing left to verify</source>
        <translation>已完成：没有需要校验的内容</translation>
    </message>
    <message>
        <source>Optional, e.g. sha256=… (md5, sha1, sha256, sha512)</source>
        <translation>可选，例如 sha256=…（md5、sha1、sha256、sha512）</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Speed limit (each):</source>
        <translation>速度限制（每个）：</translation>
    </message>
    <message>
        <source>Connections per download:</source>
        <translation>每个下载的连接数：</translation>
    </message>
    <message>
        <source>Checksum:</source>
        <translation>校验和：</translation>
    </message>
    <message>
        <source>A new folder moves the files there; a running download pauses for the move and then goes on. Connections apply from a download&apos;s next start.</source>
        <translation>更换文件夹会把文件移动过去；正在进行的下载会为移动而暂停，之后继续。连接数从下载下次开始时生效。</translation>
    </message>
    <message>
        <source>A new folder moves the files there. Connections apply from a download&apos;s next start.</source>
        <translation>更换文件夹会把文件移动过去。连接数从下载下次开始时生效。</translation>
    </message>
    <message>
        <source>Move to Folder</source>
        <translation>移动到文件夹</translation>
    </message>
    <message>
        <source>The folder must be a full path, such as /home/you/Downloads.</source>
        <translation>文件夹必须是完整路径，例如 /home/you/Downloads。</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>请选择一个文件夹。</translation>
    </message>
</context>
<context>
    <name>ferry::FileActions</name>
    <message>
        <source>File Missing</source>
        <translation>文件已丢失</translation>
    </message>
    <message>
        <source>%1 is no longer in %2.</source>
        <translation>%1 已不在 %2 中。</translation>
    </message>
    <message>
        <source>It was moved or deleted after it was downloaded. Download it again?</source>
        <translation>下载完成后它被移动或删除了。要重新下载吗？</translation>
    </message>
    <message>
        <source>Download Again</source>
        <translation>重新下载</translation>
    </message>
</context>
<context>
    <name>ferry::LiveEvents</name>
    <message>
        <source>Too many live connections</source>
        <translation>实时连接过多</translation>
    </message>
</context>
<context>
    <name>ferry::LoginDialog</name>
    <message>
        <source>Log In to %1</source>
        <translation>登录到 %1</translation>
    </message>
    <message>
        <source>%1 refused the user name or password. Try again:</source>
        <translation>%1 拒绝了用户名或密码。请重试：</translation>
    </message>
    <message>
        <source>%1 asks for a user name and password:</source>
        <translation>%1 需要用户名和密码：</translation>
    </message>
    <message>
        <source>Save in the desktop&apos;s keyring</source>
        <translation>保存到桌面的密钥环</translation>
    </message>
    <message>
        <source>No keyring answers on this desktop: the login is kept while Ferry runs.</source>
        <translation>此桌面上没有可用的密钥环：登录信息只在 Ferry 运行期间保留。</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Other downloads from %1 use this login while Ferry runs.</source>
        <translation>Ferry 运行期间，来自 %1 的其他下载也使用此登录信息。</translation>
    </message>
    <message>
        <source>Log In</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>ferry::MainWindow</name>
    <message>
        <source>Ferry</source>
        <translation>Ferry</translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n download(s)…</source>
        <translation>
            <numerusform>正在重试 %n 个下载…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n download(s) from the list.</source>
        <translation>
            <numerusform>已从列表中移除 %n 个下载。</numerusform>
        </translation>
    </message>
    <message>
        <source>Ferry keeps running</source>
        <translation>Ferry 仍在运行</translation>
    </message>
    <message>
        <source>Downloads and sharing go on in the background. Click the tray icon to show the window, or choose Quit from its menu to stop Ferry.</source>
        <translation>下载和共享在后台继续进行。单击托盘图标可显示窗口，或在其菜单中选择“退出”来停止 Ferry。</translation>
    </message>
</context>
<context>
    <name>ferry::NetworkControl</name>
    <message>
        <source>The proxy password is kept only while Ferry runs: the keyring refused it (%1).</source>
        <translation>代理密码只在 Ferry 运行期间保留：密钥环拒绝保存（%1）。</translation>
    </message>
    <message>
        <source>The login for %1 is saved in the keyring.</source>
        <translation>%1 的登录信息已保存到密钥环。</translation>
    </message>
    <message>
        <source>The login for %1 is kept only while Ferry runs: the keyring refused it (%2).</source>
        <translation>%1 的登录信息只在 Ferry 运行期间保留：密钥环拒绝保存（%2）。</translation>
    </message>
    <message>
        <source>No proxy password in the keyring: give it in Settings → Network.</source>
        <translation>密钥环中没有代理密码：请在“设置 → 网络”中填写。</translation>
    </message>
    <message>
        <source>The keyring did not give the proxy password (%1).</source>
        <translation>密钥环未提供代理密码（%1）。</translation>
    </message>
</context>
<context>
    <name>ferry::NetworkPage</name>
    <message>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <source>Use the system&apos;s proxy settings</source>
        <translation>使用系统的代理设置</translation>
    </message>
    <message>
        <source>The http_proxy, https_proxy, all_proxy and no_proxy variables when set, else the desktop&apos;s proxy.</source>
        <translation>已设置时使用 http_proxy、https_proxy、all_proxy 和 no_proxy 变量，否则使用桌面的代理。</translation>
    </message>
    <message>
        <source>Use this proxy:</source>
        <translation>使用此代理：</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>SOCKS5</source>
        <translation>SOCKS5</translation>
    </message>
    <message>
        <source>proxy.example.org</source>
        <translation>proxy.example.org</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Let the proxy resolve host names</source>
        <translation>由代理解析主机名</translation>
    </message>
    <message>
        <source>localhost, .lan, 192.168.0.0/16</source>
        <translation>localhost, .lan, 192.168.0.0/16</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Proxy:</source>
        <translation>代理：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Connect directly to:</source>
        <translation>直接连接到：</translation>
    </message>
    <message>
        <source>Used by downloads from their next start. A download given its own proxy (aria2&apos;s all-proxy) keeps it. The password is kept in the desktop&apos;s keyring.</source>
        <translation>下载在下次开始时使用此设置。自带代理的下载（aria2 的 all-proxy）保留自己的代理。密码保存在桌面的密钥环中。</translation>
    </message>
    <message>
        <source>Give the proxy&apos;s host name or address.</source>
        <translation>请填写代理的主机名或地址。</translation>
    </message>
</context>
<context>
    <name>ferry::PowerNotice</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>All downloads are done. The computer suspends in %n second(s).</source>
        <translation>
            <numerusform>所有下载已完成。计算机将在 %n 秒后挂起。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All downloads are done. The computer shuts down in %n second(s).</source>
        <translation>
            <numerusform>所有下载已完成。计算机将在 %n 秒后关机。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::QueueControls</name>
    <message>
        <source>Show only the downloads in this state</source>
        <translation>只显示处于此状态的下载</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Filter by name or URL</source>
        <translation>按名称或 URL 筛选</translation>
    </message>
    <message>
        <source>Show only the downloads of this kind, by the file&apos;s extension</source>
        <translation>只显示这一类的下载（按文件扩展名）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A category of downloads in the filter box and how many downloads it has, e.g. &quot;Video (3)&quot;</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
</context>
<context>
    <name>ferry::RemoteControlBridge</name>
    <message>
        <source>Remote control is off.</source>
        <translation>远程控制已关闭。</translation>
    </message>
    <message>
        <source>Running. Devices on the network can connect with the secret.</source>
        <translation>正在运行。网络上的设备可以使用密钥连接。</translation>
    </message>
    <message>
        <source>Running. Only programs on this computer can connect.</source>
        <translation>正在运行。只有本机上的程序可以连接。</translation>
    </message>
    <message>
        <source>Remote control could not start: %1</source>
        <translation>无法启动远程控制：%1</translation>
    </message>
</context>
<context>
    <name>ferry::RemoteControlDialog</name>
    <message>
        <source>Let AriaNg, browser add-ons and scripts control Ferry (aria2 RPC)</source>
        <translation>允许 AriaNg、浏览器扩展和脚本控制 Ferry（aria2 RPC）</translation>
    </message>
    <message>
        <source>Allow other devices on the network</source>
        <translation>允许网络上的其他设备连接</translation>
    </message>
    <message>
        <source>Remote Control</source>
        <translation>远程控制</translation>
    </message>
    <message>
        <source>Off: only programs on this computer can connect</source>
        <translation>关闭时：只有本机上的程序可以连接</translation>
    </message>
    <message>
        <source>Clients send it as the RPC secret token</source>
        <translation>客户端将其作为 RPC 密钥令牌发送</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Make a new random secret; clients must then use the new one</source>
        <translation>生成新的随机密钥；之后客户端必须使用新密钥</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the address to the clipboard</source>
        <translation>将地址复制到剪贴板</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Secret:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>未运行</translation>
    </message>
</context>
<context>
    <name>ferry::SchedulerControl</name>
    <message>
        <source>unlimited</source>
        <translation>不限速</translation>
    </message>
    <message>
        <source>Alternative Speed &amp;Limit</source>
        <translation>备用速度限制(&amp;L)</translation>
    </message>
    <message>
        <source>Alternative Limit</source>
        <translation>备用限速</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message numerus="yes">
        <source>Scheduled start: resumed %n download(s).</source>
        <translation>
            <numerusform>计划开始：已继续 %n 个下载。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scheduled stop: paused %n download(s).</source>
        <translation>
            <numerusform>计划停止：已暂停 %n 个下载。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cannot resume and keep(s) going.</source>
        <translation>
            <numerusform>%n 个无法续传，继续下载。</numerusform>
        </translation>
    </message>
    <message>
        <source>Alternative limit: %1</source>
        <translation>备用限速：%1</translation>
    </message>
    <message>
        <source>The alternative speed limit is on. Click to use the usual limit (%1) again.</source>
        <translation>备用速度限制已开启。点击恢复使用常规限制（%1）。</translation>
    </message>
    <message>
        <source>Use the alternative speed limit (%1) instead of the usual one (%2)</source>
        <translation>使用备用速度限制（%1）代替常规限制（%2）</translation>
    </message>
</context>
<context>
    <name>ferry::SchedulerPage</name>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Start and stop the queue on a schedule</source>
        <translation>按计划开始和停止队列</translation>
    </message>
    <message>
        <source>Start the queue at:</source>
        <translation>开始队列于：</translation>
    </message>
    <message>
        <source>Stop (pause all) at:</source>
        <translation>停止（全部暂停）于：</translation>
    </message>
    <message>
        <source>Use the alternative speed limit on a schedule</source>
        <translation>按计划使用备用速度限制</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>到：</translation>
    </message>
    <message>
        <source>A time earlier than the start runs past midnight into the next day; the same time twice means the whole day. The alternative limit is set on the General page.</source>
        <translation>结束时间早于开始时间时，计划跨过午夜延续到第二天；开始和结束时间相同表示全天。备用速度限制在“常规”页中设置。</translation>
    </message>
    <message>
        <source>On:</source>
        <extracomment>Before the weekday boxes of a schedule</extracomment>
        <translation>日期：</translation>
    </message>
</context>
<context>
    <name>ferry::SegmentBar</name>
    <message numerus="yes">
        <source>%1 of %2 on disk, %n connection(s) working</source>
        <translation>
            <numerusform>已写入磁盘 %1 / %2，%n 个连接正在工作</numerusform>
        </translation>
    </message>
    <message>
        <source>The size is not known yet</source>
        <translation>大小尚不知道</translation>
    </message>
</context>
<context>
    <name>ferry::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source> KiB/s</source>
        <translation> KiB/s</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>不限速</translation>
    </message>
    <message>
        <source>Notify when a download completes or fails</source>
        <translation>下载完成或失败时发出通知</translation>
    </message>
    <message>
        <source>Download folder:</source>
        <translation>下载文件夹：</translation>
    </message>
    <message>
        <source>Downloads at once:</source>
        <translation>同时下载数：</translation>
    </message>
    <message>
        <source>Connections per download:</source>
        <translation>每个下载的连接数：</translation>
    </message>
    <message>
        <source>Speed limit (all downloads):</source>
        <translation>速度限制（所有下载）：</translation>
    </message>
    <message>
        <source>Download Folder</source>
        <translation>选择下载文件夹</translation>
    </message>
    <message>
        <source>Not available here: this desktop has no system tray and no notification service.</source>
        <translation>此处不可用：该桌面既没有系统托盘，也没有通知服务。</translation>
    </message>
    <message>
        <source>Ask before quitting while downloads run</source>
        <translation>有下载正在进行时，退出前询问</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>询问</translation>
    </message>
    <message>
        <source>Download again</source>
        <translation>重新下载</translation>
    </message>
    <message>
        <source>Open the existing one</source>
        <translation>打开已有的文件</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>When a download exists already:</source>
        <translation>下载已存在时：</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Offer links to files copied in other programs</source>
        <translation>在其他程序中复制文件链接时提示下载</translation>
    </message>
    <message>
        <source>Only links that name a file to download (an archive, a video, a program…), never web pages or text</source>
        <translation>只提示指向可下载文件（压缩包、视频、程序…）的链接，不提示网页或文字</translation>
    </message>
    <message>
        <source>Start Ferry when I log in</source>
        <translation>登录时启动 Ferry</translation>
    </message>
    <message>
        <source>In the tray, to finish downloads and keep sharing</source>
        <translation>在托盘中运行，以完成下载并继续共享</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>New downloads of each kind go to its folder, chosen by the file&apos;s extension; empty: the download folder. A folder chosen in the Add dialog comes first.</source>
        <translation>每一类新下载会进入该类的文件夹（按文件扩展名判断）；留空则使用下载文件夹。在添加对话框中选择的文件夹优先。</translation>
    </message>
    <message>
        <source>The download folder</source>
        <translation>下载文件夹</translation>
    </message>
    <message>
        <source>Folder for This Kind</source>
        <translation>这一类的文件夹</translation>
    </message>
    <message>
        <source>%1:</source>
        <extracomment>A category&apos;s folder in Settings, e.g. &quot;Video:&quot;</extracomment>
        <translation>%1：</translation>
    </message>
    <message>
        <source>In force while &quot;Alternative Speed Limit&quot; is on (toolbar, tray, Tools menu) or the Scheduler turns it on</source>
        <translation>在“备用速度限制”开启时生效（工具栏、托盘、工具菜单），或由计划任务开启</translation>
    </message>
    <message>
        <source>Alternative speed limit:</source>
        <translation>备用速度限制：</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>计划任务</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Attempts per connection before a download fails; 0: try for ever</source>
        <translation>每个连接在下载失败前的尝试次数；0：一直重试</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Growing: 1 s, doubling up to 60 s</source>
        <translation>递增：从 1 秒起加倍，最多 60 秒</translation>
    </message>
    <message>
        <source>A connection that connects or receives nothing for this long is dropped and tried again</source>
        <translation>连接在这段时间内未能建立或收不到任何数据时，将被断开并重试</translation>
    </message>
    <message>
        <source>Applies at once: to new downloads, and to running ones from their next retry. A download that failed because of the network is tried again on its own later.</source>
        <translation>立即生效：用于新的下载，正在进行的下载从下一次重试起使用。因网络原因失败的下载稍后会自动重试。</translation>
    </message>
    <message>
        <source>Tries per connection:</source>
        <translation>每个连接的尝试次数：</translation>
    </message>
    <message>
        <source>Wait between tries:</source>
        <translation>重试间隔：</translation>
    </message>
    <message>
        <source>Timeout without data:</source>
        <translation>无数据超时：</translation>
    </message>
</context>
<context>
    <name>ferry::ShareServer</name>
    <message>
        <source>Cannot share the folder %1: it does not exist or cannot be read.</source>
        <translation>无法共享文件夹 %1：该文件夹不存在或无法读取。</translation>
    </message>
    <message>
        <source>The access token is missing or contains characters a URL cannot carry.</source>
        <translation>访问令牌缺失，或包含 URL 中无法使用的字符。</translation>
    </message>
    <message>
        <source>Cannot share on %1 port %2: the port is already in use.</source>
        <translation>无法在 %1 的端口 %2 上共享：该端口已被占用。</translation>
    </message>
    <message>
        <source>Cannot share on %1 port %2: %3</source>
        <translation>无法在 %1 的端口 %2 上共享：%3</translation>
    </message>
</context>
<context>
    <name>ferry::SharingActivity</name>
    <message>
        <source>Peer</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No peer is fetching anything right now.</source>
        <translation>目前没有设备在下载。</translation>
    </message>
    <message>
        <source>Every request peers make is listed here.</source>
        <translation>其他设备发出的每个请求都会列在这里。</translation>
    </message>
    <message>
        <source>Access Log</source>
        <translation>访问日志</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已中止</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Peers (%1)</source>
        <translation>设备（%1）</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>设备</translation>
    </message>
</context>
<context>
    <name>ferry::SharingBridge</name>
    <message>
        <source>%1 is not a file in a shared folder.</source>
        <translation>%1 不是共享文件夹中的文件。</translation>
    </message>
</context>
<context>
    <name>ferry::SharingPanel</name>
    <message>
        <source>Any free port</source>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Start sharing to get a link for other devices</source>
        <translation>开始共享后，这里会显示供其他设备访问的链接</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the link, with its access token, to the clipboard</source>
        <translation>将链接（含访问令牌）复制到剪贴板</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the shared folders in the browser, as peers see them</source>
        <translation>在浏览器中打开共享文件夹，查看其他设备看到的页面</translation>
    </message>
    <message>
        <source>Link:</source>
        <translation>链接：</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Shared folders:</source>
        <translation>共享文件夹：</translation>
    </message>
    <message>
        <source>Add a folder to share first.</source>
        <translation>请先添加要共享的文件夹。</translation>
    </message>
    <message>
        <source>Sharing is off.</source>
        <translation>共享已关闭。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message numerus="yes">
        <source>Sharing %n folder(s) on port %1. Anyone with the link can read them.</source>
        <translation>
            <numerusform>正在端口 %1 上共享 %n 个文件夹。任何拥有链接的人都能读取。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sharing: %1</source>
        <translation>共享失败：%1</translation>
    </message>
    <message>
        <source>Stop Sharing</source>
        <translation>停止共享</translation>
    </message>
    <message>
        <source>Start Sharing</source>
        <translation>开始共享</translation>
    </message>
    <message>
        <source>Add a folder to share first</source>
        <translation>请先添加要共享的文件夹</translation>
    </message>
    <message>
        <source>Stop sharing to change the folders</source>
        <translation>停止共享后才能更改文件夹</translation>
    </message>
    <message>
        <source>Share Folder</source>
        <translation>选择要共享的文件夹</translation>
    </message>
    <message>
        <source>New Link</source>
        <translation>新链接</translation>
    </message>
    <message>
        <source>Make a new access token: the old link, and every browser and live connection opened with it, stop working</source>
        <translation>生成新的访问令牌：旧链接以及用它打开的所有浏览器会话和实时连接都将失效</translation>
    </message>
    <message>
        <source>Link to a File…</source>
        <translation>文件链接…</translation>
    </message>
    <message>
        <source>Copy a link to one shared file that works without the token until it expires</source>
        <translation>复制指向单个共享文件的链接，过期前无需访问令牌即可使用</translation>
    </message>
    <message>
        <source>valid for 1 hour</source>
        <translation>有效期 1 小时</translation>
    </message>
    <message>
        <source>valid for 24 hours</source>
        <translation>有效期 24 小时</translation>
    </message>
    <message>
        <source>valid for 7 days</source>
        <translation>有效期 7 天</translation>
    </message>
    <message>
        <source>A link to one file appears here, copied to the clipboard</source>
        <translation>单个文件的链接显示在这里，并已复制到剪贴板</translation>
    </message>
    <message>
        <source>Link to a Shared File</source>
        <translation>链接到共享文件</translation>
    </message>
    <message>
        <source>Share again when Ferry starts</source>
        <translation>Ferry 启动时重新开始共享</translation>
    </message>
    <message>
        <source>Show my downloads on the peer page</source>
        <translation>在设备页面上显示我的下载</translation>
    </message>
    <message>
        <source>Anyone with the link then sees the names, addresses and errors of your downloads. Takes effect when sharing starts.</source>
        <translation>这样任何拥有链接的人都能看到你的下载的名称、地址和错误信息。在共享开始时生效。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation>共享</translation>
    </message>
</context>
<context>
    <name>ferry::SpeedGraph</name>
    <message numerus="yes">
        <source>Last %n minute(s)</source>
        <translation>
            <numerusform>最近 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>No transfer yet</source>
        <translation>尚无传输</translation>
    </message>
    <message>
        <source>Peak %1</source>
        <translation>峰值 %1</translation>
    </message>
</context>
<context>
    <name>ferry::StatusSummary</name>
    <message numerus="yes">
        <source>%n downloading</source>
        <translation>
            <numerusform>%n 个下载中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n 个排队中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation>
            <numerusform>%n 个已暂停</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n completed</source>
        <translation>
            <numerusform>%n 个已完成</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message>
        <source>No downloads — paste or drop URLs here</source>
        <translation>暂无下载——可在此粘贴或拖放 URL</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>总速度：%1</translation>
    </message>
    <message>
        <source>Sharing off</source>
        <translation>共享已关闭</translation>
    </message>
    <message>
        <source>Sharing: starting…</source>
        <translation>共享：正在启动…</translation>
    </message>
    <message>
        <source>Sharing on port %1</source>
        <translation>正在端口 %1 上共享</translation>
    </message>
    <message>
        <source>Sharing failed</source>
        <translation>共享失败</translation>
    </message>
</context>
<context>
    <name>ferry::SystemPower</name>
    <message>
        <source>Cannot reach the system bus to ask logind: %1</source>
        <translation>无法连接系统总线以请求 logind：%1</translation>
    </message>
    <message>
        <source>The system refused: %1</source>
        <translation>系统拒绝了请求：%1</translation>
    </message>
</context>
<context>
    <name>ferry::TrayIcon</name>
    <message>
        <source>Hide Window</source>
        <translation>隐藏窗口</translation>
    </message>
    <message>
        <source>Pause All</source>
        <translation>全部暂停</translation>
    </message>
    <message>
        <source>Resume All</source>
        <translation>全部继续</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Show Window</source>
        <translation>显示窗口</translation>
    </message>
    <message>
        <source>Download complete</source>
        <translation>下载完成</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>下载失败</translation>
    </message>
    <message numerus="yes">
        <source>%n downloading</source>
        <translation>
            <numerusform>%n 个下载中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n 个排队中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation>
            <numerusform>%n 个已暂停</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n completed</source>
        <translation>
            <numerusform>%n 个已完成</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message>
        <source>Ferry — ↓ %1</source>
        <translation>Ferry — ↓ %1</translation>
    </message>
    <message>
        <source>Show Ferry</source>
        <translation>显示 Ferry</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message numerus="yes">
        <source>%n downloads finished</source>
        <translation>
            <numerusform>%n 个下载已完成</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>另有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message numerus="yes">
        <source>%n downloads failed</source>
        <translation>
            <numerusform>%n 个下载失败</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Retry all</source>
        <translation>全部重试</translation>
    </message>
</context>
<context>
    <name>ferry::UrlIntake</name>
    <message numerus="yes">
        <source>Added %n download(s).</source>
        <translation>
            <numerusform>已添加 %n 个下载。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n line(s) that are not http or https URLs: %1</source>
        <translation>
            <numerusform>已跳过 %n 行非 http/https URL 的内容：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>No URLs to add.</source>
        <translation>没有可添加的 URL。</translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n download(s) that exist already.</source>
        <translation>
            <numerusform>已跳过 %n 个已存在的下载。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (in the list)</source>
        <translation>%1（已在列表中）</translation>
    </message>
    <message>
        <source>%1 (on disk)</source>
        <translation>%1（已在磁盘上）</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…另外还有 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Already Downloaded</source>
        <translation>已经下载过</translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) exist already.</source>
        <translation>
            <numerusform>%n 个下载已存在。</numerusform>
        </translation>
    </message>
    <message>
        <source>Download Again</source>
        <translation>重新下载</translation>
    </message>
    <message>
        <source>Open Existing</source>
        <translation>打开已有的</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Do this every time</source>
        <translation>以后都这样做</translation>
    </message>
</context>
<context>
    <name>ferry::WhenDone</name>
    <message>
        <source>&amp;When All Are Done</source>
        <translation>全部完成后(&amp;W)</translation>
    </message>
    <message>
        <source>Do &amp;Nothing</source>
        <translation>不执行操作(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Quit Ferry</source>
        <translation>退出 Ferry(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Suspend the Computer</source>
        <translation>挂起计算机(&amp;S)</translation>
    </message>
    <message>
        <source>Shut &amp;Down the Computer</source>
        <translation>关闭计算机(&amp;D)</translation>
    </message>
    <message>
        <source>Cancelled: the computer stays on.</source>
        <translation>已取消：计算机保持开启。</translation>
    </message>
    <message>
        <source>When done: quit</source>
        <translation>完成后：退出</translation>
    </message>
    <message>
        <source>When done: suspend</source>
        <translation>完成后：挂起</translation>
    </message>
    <message>
        <source>When done: shut down</source>
        <translation>完成后：关机</translation>
    </message>
    <message>
        <source>What Ferry does when all downloads are done; click to change</source>
        <translation>所有下载完成后 Ferry 要执行的操作；点击更改</translation>
    </message>
</context>
<context>
    <name>ferry::WindowDialogs</name>
    <message numerus="yes">
        <source>Moving %n download(s)…</source>
        <translation>
            <numerusform>正在移动 %n 个下载…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n download(s).</source>
        <translation>
            <numerusform>已移动 %n 个下载。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) could not be moved; their files stay where they were:</source>
        <translation>
            <numerusform>%n 个下载无法移动；它们的文件留在原处：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>ferry: cannot listen on %1; URLs from other &apos;ferry&apos; commands will not reach this window.</source>
        <translation>ferry：无法监听 %1；其他 ferry 命令传来的 URL 将无法送达此窗口。</translation>
    </message>
    <message>
        <source>ferry: unknown option &apos;%1&apos;</source>
        <translation>ferry：未知选项“%1”</translation>
    </message>
    <message>
        <source>ferry: the window needs a display; use &apos;ferry get URL&apos; to download or &apos;ferry serve DIR&apos; to share in a terminal.</source>
        <translation>ferry：窗口需要图形显示环境；在终端中可用 ferry get URL 下载，或用 ferry serve DIR 共享文件夹。</translation>
    </message>
    <message>
        <source>ferry: unknown command &apos;%1&apos;</source>
        <translation>ferry：未知命令“%1”</translation>
    </message>
    <message>
        <source>Usage:
  ferry                         open the window
  ferry URL...                  open the window (or the running one) and add URLs
  ferry --hidden                start in the tray (Settings: start when I log in)
  ferry get [options] URL...    download headless; re-running resumes
  ferry serve [options] DIR...  share folders on the local network
  ferry daemon [options]        the engine without a window, driven over aria2&apos;s JSON-RPC
  ferry --help | --version

Run &apos;ferry get --help&apos;, &apos;ferry serve --help&apos; or &apos;ferry daemon --help&apos; for their options.
</source>
        <translation>用法：
  ferry                         打开窗口
  ferry URL...                  打开窗口（或已在运行的窗口）并添加 URL
  ferry --hidden                启动到托盘（设置：登录时启动）
  ferry get [选项] URL...       在终端中下载，无需窗口；再次运行即可续传
  ferry serve [选项] DIR...     在局域网内共享文件夹
  ferry daemon [选项]           不打开窗口运行下载引擎，通过 aria2 的 JSON-RPC 控制
  ferry --help | --version

运行 ferry get --help、ferry serve --help 或 ferry daemon --help 查看各自的选项。
</translation>
    </message>
    <message>
        <source>&amp;Remote Control…</source>
        <translation>远程控制(&amp;R)…</translation>
    </message>
</context>
</TS>
