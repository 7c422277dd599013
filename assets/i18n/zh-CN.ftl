# talkdeck 的界面文字（简体中文）。这里的每个 id 也必须在 en.ftl 中。

## 菜单
menu-file = 文件
menu-edit = 编辑
menu-view = 视图
menu-help = 帮助
menu-open-recent = 最近打开
menu-open-talk = 打开演讲…
menu-open-notes = 打开笔记…
menu-save = 保存笔记
menu-save-as = 笔记另存为…
menu-export-recap = 导出回顾…
menu-export-deck = 导出为 Marp 幻灯片…
menu-export-reveal = 导出为 reveal.js 幻灯片…
menu-export-w3c = 导出批注（W3C）…
menu-import-w3c = 导入笔记（W3C、Hypothesis、pdfpc）…
menu-export-pdfpc = 导出笔记到 pdfpc…
menu-export-anki = 导出笔记到 Anki…
menu-export-readwise = 导出笔记到 Readwise…
menu-export-notes-md = 把笔记导出为 Markdown…
menu-merge-notes = 合并笔记…
menu-copy-recap = 复制回顾
menu-reopen-encoding = 以其他编码重新打开
menu-quit = 退出
menu-undo = 撤销
menu-redo = 重做
menu-add-note = 为本卡片添加笔记
menu-find = 查找…
menu-overview = 全部卡片总览
menu-present = 演示
menu-theme-dark = 深色主题
menu-theme-light = 浅色主题
menu-language = 语言
menu-shortcuts = 键盘快捷键
menu-palette = 命令面板…
menu-zoom-in = 放大
menu-zoom-out = 缩小
menu-zoom-reset = 实际大小
menu-notes-larger = 放大演讲稿文字
menu-notes-smaller = 缩小演讲稿文字
menu-single-letter-keys = 单字母卡片快捷键（S、H、O、P、R）
menu-single-letter-keys-hint = 关闭后只有 Alt+S、Alt+H、Alt+O、Alt+P、Alt+R 生效，误按字母不会加星标、高亮或切换视图

## 大纲与卡片
outline = 大纲
kind-title = 标题
kind-opening = 开场
kind-observation = 观察 { $number }
kind-section = 段落
hidden-slide = 隐藏的幻灯片
kind-closing = 结语
fact-speaker = 演讲者
fact-role = 身份
fact-event = 活动
fact-date = 日期
fact-source = 来源
fact-author = 作者
no-cards = 这个演讲没有卡片。
picture-too-large = 图片太大（{ $width } × { $height } 像素；talkdeck 只显示每边不超过 { $side } 像素、总计不超过 1600 万像素的图片）
remote-image = 远程图片，未加载
previous = ← 上一张
next = 下一张 →
previous-hint = ← / PageUp / Shift+空格
next-hint = → / PageDown / 空格
speaker-notes = 演讲稿
estimate = 约需 { $time }
card-time = { $range } · 时长 { $time }
auto-title = 自动标题
auto-title-hint = 原文这里没有标题：这个标题取自本卡片原文
other-language = 另一种语言
keywords = 关键词

## 笔记
my-notes = 我的笔记（{ $count }）
add-note = + 添加笔记
no-notes-on-card = 这张卡片还没有笔记。按 Ctrl+N 写一条。
note-label = 笔记 { $number }
note-hint = 写下你的笔记…
note-too-long = 这条笔记太长（{ $size }），无法在这里编辑：只显示前 { $chars } 个字符，笔记文件完整保留全部内容。请在文本编辑器中编辑。
text-not-shown = ……还有 { $size } 未在这里显示：内容太长，窗口中无法显示。请用文本编辑器打开文件阅读全文。
delete = 删除
delete-hint = 删除这条笔记
tags = 标签
tags-hint = 用逗号分隔
note-count = { $count } 条笔记

## 状态
status-no-notes = 还没有笔记
status-saved = 已保存
status-saving = 正在保存…
status-unsaved = 有未保存的修改
status-in-recovery = 未保存——已存入恢复文件
status-failed = 保存失败——请看提示
status-no-file = 笔记尚未保存到文件（Ctrl+S）
status-read-only = 只读
status-talk-hint = 演讲文件及其文本编码
dismiss = 关闭
banner-problem = 问题
banner-note = 提示

## 对话框
file-path = 文件路径
browse = 浏览…
cancel = 取消
save = 保存
open = 打开
title-save-as = 笔记另存为
title-open-notes = 打开笔记
title-open-talk = 打开演讲
title-export-recap = 导出回顾
title-export-deck = 导出为 Marp 幻灯片
title-export-reveal = 导出为 reveal.js 幻灯片
title-export-w3c = 导出批注
title-import-w3c = 导入笔记（W3C、Hypothesis、pdfpc）
title-export-pdfpc = 导出笔记到 pdfpc
title-export-anki = 导出笔记到 Anki
title-export-readwise = 导出笔记到 Readwise
title-export-notes-md = 把笔记导出为 Markdown
title-merge-notes = 合并另一个文件中的笔记
leave-quit-title = 退出 talkdeck？
leave-talk-title = 打开另一个演讲？
leave-notes-title = 打开另一份笔记？
leave-no-file = 你的笔记有修改，但还没有文件。
leave-read-only = 你的笔记有修改，而这个窗口不写入它们的文件：{ $reason }
leave-failed = 笔记无法保存：{ $reason }
leave-conflict = 另一个程序修改了笔记文件，所以你的修改没有覆盖它。
leave-save-as = 另存为…
leave-discard-quit = 退出并放弃修改
leave-discard-open = 放弃修改并打开
leave-keep-quit = 仍然退出（修改保留在恢复文件中）
leave-keep-open = 仍然打开（修改保留在恢复文件中）
leave-saving = 正在保存笔记…
leave-saving-body = 正在写入 { $path }（{ $seconds } 秒）。保存好之后 talkdeck 会继续。
reset-title = 重置计时？
reset-body = 排练时间和本卡片用时都会归零。
reset = 重置
recovery-title = 恢复未保存的笔记？
recovery-body = 上次 talkdeck 退出时，这个演讲有未保存到文件的笔记，它们保存在恢复文件里。
restore = 恢复
discard-them = 丢弃
beside-title = 打开演讲旁边的笔记？
beside-body = 演讲文件旁边有 { $path }。
open-notes = 打开笔记
not-now = 暂不

## 总览
overview = 总览
filter-all = 全部卡片
filter-with-notes = 有笔记的
overview-hint = ←↑→↓ 选择 · Enter 打开 · Esc 返回
overview-empty = 没有符合筛选条件的卡片。

## 演示
next-card = 下一张
last-card = 这是最后一张。
larger-notes = 放大文字
smaller-notes = 缩小文字
paused = 已暂停
this-card = 本卡片
clock = 时钟
elapsed-hint = 开始以来的时间（不含暂停）
card-time-hint = 本卡片用时 / 预计用时
end-presenting = 结束（Esc）
reset-timer = 重置计时（R）
pause = 暂停（P）
resume = 继续（P）

## 提示
notice-saved = { $count ->
    [0] 已将修改保存到 { $path }
   *[other] 已将 { $count } 条笔记保存到 { $path }
}
notice-not-saved = 未保存：{ $reason }。笔记仍在这里，可以用“另存为”。
notice-protected = 未保存：这个窗口不写入 { $path }（{ $reason }）。请用“另存为”选择其他文件。
notice-read-only-folder = 笔记文件所在的文件夹无法写入（{ $reason }）：保存到那里会失败；在你用“另存为”选择其他文件之前，修改保存在恢复文件中。
notice-renamed-ids = 文件中有 { $count } 条笔记与其他笔记的编号相同，已为它们换了新编号，两者互不影响。
notice-opened-notes = 已从 { $path } 打开 { $count } 条笔记
notice-other-talk = 已从 { $path } 打开 { $count } 条笔记。它们写于这个演讲的另一个版本（“{ $title }”），已按卡片归位。
notice-other-talk-missing = 已从 { $path } 打开 { $count } 条笔记。它们写于这个演讲的另一个版本（“{ $title }”），已按卡片归位；其中 { $missing } 条所属的卡片在本演讲中不存在（仍保留在文件里）。
notice-new-notes-file = { $path } 还不存在，保存时会创建。
notice-unreadable-notes = { $reason }。文件保持原样；可以用“另存为”把笔记存到别处。
notice-read-only-notes = { $reason }。其中的笔记以只读方式显示；修改请用“另存为”保存到别处。
notice-opened-talk = 已打开 { $name }：{ $count } 张卡片（{ $encoding }）
notice-guessed-encoding = { $name } 不是 Unicode 文本：已按 { $encoding } 读取，{ $sure ->
        [yes] 这是最可能的编码
       *[no] 这只是猜测，很可能不对
    }。如果文字是乱码，请在“文件 › 以其他编码重新打开”中选择编码。
notice-talk-failed = 无法打开演讲：{ $reason }
notice-restored = 已恢复 { $count } 条未保存的笔记。按 Ctrl+S 保存到文件。
notice-restore-failed = 无法恢复未保存的笔记：{ $reason }

## 操作名称（菜单、快捷键一览、命令面板）
group-file = 文件
group-edit = 编辑
group-navigate = 切换卡片
group-view = 视图
group-overview = 总览
group-presenter = 演示
nav-previous = 上一张卡片
nav-next = 下一张卡片
nav-first = 第一张卡片
nav-last = 最后一张卡片
menu-theme-toggle = 切换浅色 / 深色主题
menu-language-toggle = 中文 / English
presenter-pause = 暂停或继续计时
presenter-reset = 重置计时
presenter-fullscreen = 观众窗口全屏
presenter-end = 结束演示
overview-move-left = 左边的卡片
overview-move-right = 右边的卡片
overview-move-up = 上面的卡片
overview-move-down = 下面的卡片
overview-open = 打开选中的卡片
overview-close = 回到卡片
shortcuts-title = 键盘快捷键
shortcuts-close = 关闭（Esc）
palette-hint = 输入命令或卡片标题（可用拼音首字母，如 gmxy）
palette-empty = 没有匹配项。
palette-card = 卡片

## 查找
find = 查找
find-hint = 在标题、要点、演讲稿、笔记和标签中查找
find-none = 没有匹配
find-count = { $count } 处匹配
find-position = 第 { $position } / { $count } 处
find-previous = 上一处（Shift+Enter、Shift+F3）
find-next = 下一处（Enter、F3）
find-close = 关闭（Esc）
find-results = 匹配结果
find-in-title = 标题
find-in-key-point = 要点
find-in-speaker-notes = 演讲稿
find-in-note = 笔记
find-in-tag = 标签
notice-reanchored = 高亮：{ $moved } 处已移位，{ $changed } 处在改动后的文字中找到，{ $orphaned } 处未能归位（见“未归位的笔记”）。

## 高亮
highlight-button = 高亮（H）
highlight-hint = 高亮所选文字，并写下它的意义
highlight-how = 在演讲稿中选中文字（拖动，或点进去后按 Shift+方向键），然后按 H
own-key-point = 你的要点（来自高亮）
quote = 引文
colour-yellow = 黄
colour-green = 绿
colour-blue = 蓝
colour-pink = 粉
use-as-key-point = 设为要点
orphaned-notes = 未归位的笔记（{ $count }）
orphaned-hint = 它们引用的段落不在这个版本的演讲中。在演讲稿中选中对应段落后重新关联，或删除它们。
reattach = 关联到所选文字
comment-hint = 这段话为什么重要？
notice-imported = 已从 { $path } 导入 { $count } 条笔记{ $problems ->
    [0] 。
   *[other] ；其中 { $problems } 条无法读取：
}
notice-import-failed = 无法导入批注：{ $reason }
notice-merged = 已合并 { $path }：新增 { $added } 条，更新 { $updated } 条，跳过重复 { $skipped } 条
notice-merge-failed = 无法合并笔记：{ $reason }
sync-conflict-title = 笔记的同步冲突副本
sync-conflict-body = 笔记文件旁边有 { $path }：两处同时修改笔记时，同步工具保留了它。要把其中的笔记合并进来吗？（重复的会跳过；Ctrl+Z 可撤销合并。）
sync-conflict-merge = 合并
notice-exported = 已导出到 { $path }
notice-export-failed = 无法导出：{ $reason }

## 冲突
conflict-title = 笔记文件已在别处被修改
conflict-body = 自 talkdeck 打开以来，另一个程序修改了这个笔记文件，所以 talkdeck 没有覆盖它。你的笔记仍在这里。
conflict-reload = 重新载入对方的版本（放弃我的修改）
conflict-keep-mine = 保留我的（对方的版本存为 .bak）
conflict-elsewhere = 把我的另存到别处…

## 星标
star = ☆ 加星标
starred = ★ 已加星标
star-hint = 给这张卡片加星标（S），方便在总览中找到
star-card = 加上或取消星标
filter-starred = 星标卡片

## 用户自己的卡片标题
rename = 重命名…
rename-hint = 给这张卡片起个自己的标题（F2），保存在笔记文件里
rename-card = 重命名这张卡片
card-title-field = 卡片标题
card-title-hint = 回车保存 · Esc 取消 · 留空则恢复原标题
own-title = 恢复原标题
own-title-hint = 恢复这张卡片原来的标题：{ $title }

## 文件无法读写的原因（文件层；显示在提示栏）
error-notes-cannot-read = { $path }：无法读取：{ $reason }
error-notes-empty = { $path }：文件是空的
error-notes-syntax = { $path }：第 { $line } 行第 { $column } 列：{ $message }
error-notes-not-notes = { $path }：不是 talkdeck 笔记文件（{ $reason }）
error-notes-invalid = { $path }：{ $message }
error-notes-invalid-at = { $path }：{ $message }（第 { $line } 行第 { $column } 列）
error-notes-future = { $path }：由更新版本的 talkdeck 写入（笔记格式第 { $version } 版；本程序只认识到第 { $known } 版），只能以只读方式打开
error-notes-save = { $path }：无法保存：{ $reason }
error-notes-verify = { $path }：未保存，内部检查未通过（新文件无法读回：{ $reason }）；原文件未改动
error-notes-changed = { $path }：未保存：打开之后，另一个程序修改了这个文件（文件保持原样）
error-notes-locked = { $path }：已在另一个 talkdeck 窗口中打开，因此这里以只读方式打开
error-notes-lock-failed = { $path }：无法防止其他 talkdeck 窗口同时写入这个文件：{ $reason }
error-notes-copy-kept = { $message }（已保留一份副本：{ $copy }）
error-notes-backup-there = { $message }；上次保存之前的版本在 { $backup }：用 Ctrl+O 打开
reason-not-found = 找不到文件
reason-permission-denied = 没有权限
reason-is-folder = 这是文件夹，不是文件
reason-is-pipe = 是命名管道（FIFO），不是普通文件
reason-is-device = 是设备文件，不是普通文件
reason-is-socket = 是套接字文件，不是普通文件
reason-not-regular = 不是普通文件
reason-too-large = 文件太大（{ $size } 字节；最多读取 { $limit } MB）
reason-not-folder = 路径中有一部分不是文件夹
reason-folder-missing = 文件夹 { $dir } 不存在
reason-folder-denied = 没有权限（无法在文件夹 { $dir } 中写入）
reason-read-only-fs = 文件夹 { $dir } 位于只读文件系统上
reason-disk-full = 磁盘已满
reason-quota = 超出磁盘配额
reason-lock-read-only-fs = 文件夹位于只读文件系统上
reason-lock-no-folder = 文件夹不存在
reason-lock-unsupported = 文件系统不支持文件锁
reason-file-read-only = 文件是只读的
reason-writing-failed = 写入失败：{ $reason }
reason-cannot-replace = 无法替换文件：{ $reason }
reason-follow-link = 无法跟随符号链接：{ $reason }
reason-dir-not-folder = { $dir } 不是文件夹
reason-read-to-check = 无法读取文件以确认没有其他程序改动过它：{ $reason }
reason-create-in = 无法在文件夹 { $dir } 中创建文件：{ $reason }
error-talk-not-found = { $path }：文件不存在
error-talk-folder = { $path }：这是文件夹，不是演讲文件
error-talk-empty = { $path }：文件是空的（只有空白）
error-talk-binary = { $path }：看起来是二进制文件，不是文本
error-talk-too-large = { $path }：文件太大（{ $size } 字节；最多可以打开 { $limit } MB 的演讲）
error-talk-permission = { $path }：无法读取文件：没有权限
error-talk-undecodable = { $path }：无法解码文本：不是有效的 { $encoding } 字节序列
error-talk-io = { $path }：无法读取文件：{ $reason }
error-talk-no-cues = { $path }：字幕文件里没有一条字幕（没有 00:00:01,000 --> 00:00:04,000 这样的时间行）
error-talk-malformed = { $path }：无法读取这个 { $format } 文件：{ $reason }
error-talk-nothing-spoken = { $path }：按 { $format } 读取，但里面没有一句话（每一行都是空的、注释、绘图或不可见的）
error-talk-foreign = { $path }：这看起来是{ $kind }，talkdeck 读不了；它能打开字幕和转写（{ $formats }）、纯文本、Markdown 幻灯片和 { $decks } 幻灯片
kind-pptx = PowerPoint 演示文稿（.pptx）
deck-not-zip = { $path }：无法读取这个幻灯片文件：它不是 .pptx 那样的 ZIP 压缩包（{ $reason }）
deck-missing-part = { $path }：幻灯片文件不完整：缺少 { $part }
deck-broken-part = { $path }：幻灯片文件中的 { $part } 无法解压（{ $reason }）
deck-broken-xml = { $path }：幻灯片文件中的 { $part } 不是完好的 XML（{ $reason }）
deck-bomb = { $path }：幻灯片文件中的 { $part } 解压后超过 { $limit } MB，远超幻灯片应有的大小（可能是 ZIP 炸弹），未打开
deck-no-slides = { $path }：这个幻灯片文件里没有幻灯片
deck-too-many-parts = { $path }：压缩包里列了 { $count } 个部件，远超幻灯片文件应有的数量，未打开
deck-media-bad-address = 不是幻灯片文件中图片的地址
deck-slide-title = 第 { $number } 张幻灯片
deck-picture = 图片：{ $name }
kind-docx = Word 文档（.docx）
kind-xlsx = Excel 工作簿（.xlsx）
kind-keynote = Keynote 演示文稿（.key；请在 Keynote 中用“文件 › 导出为 › PDF 或 PowerPoint”导出后再打开）
kind-opendocument = OpenDocument 文件（.odt、.ods）
kind-epub = EPUB 电子书
kind-zip = ZIP 压缩包
kind-ole = 旧版 Microsoft Office 文件（.ppt、.doc、.xls）
kind-image = { $format } 图片
kind-audio = { $format } 音频
kind-video = { $format } 视频
kind-html = 网页（HTML）
kind-xml = 另一种 XML（根元素是 <{ $root }>）
kind-json = 另一种结构的 JSON（不是 Whisper 的 segments，也不是 B 站的 body）
error-talk-not-transcript = { $path }：不是 Whisper 转写（应有含 start、end、text 的 "segments"）：{ $reason }

## 非文本的幻灯片（PDF）
deck-encrypted = { $path }：这个 { $format } 有密码保护（已加密）；请另存一份不带密码的再打开
deck-malformed = { $path }：无法读取这个 { $format } 文件：{ $reason }
deck-no-pages = { $path }：这个 { $format } 没有页面
deck-too-many-pages = { $path }：{ $pages } 页太多，不像幻灯片（talkdeck 最多打开 { $limit } 页）
deck-reason-no-structure = 读不出它的结构（页面树和对象表）；文件可能不完整，或者不是 PDF
deck-reason-crashed = PDF 读取器在它上面出错了
deck-page-title = 第 { $page } 页
page-error-missing = PDF 里没有第 { $page } 页（共 { $pages } 页）
page-error-empty = 第 { $page } 页没有大小（页面框为空）
page-error-crashed = 第 { $page } 页画不出来：PDF 渲染器在它上面出错了
page-error-unreadable = 读不了这个 PDF：{ $reason }
page-rendering = 正在绘制页面…
notice-bad-timestamp = 第 { $line } 行：时间码有误“{ $text }”，已跳过这条字幕
notice-bad-segment = 第 { $index } 段：缺少 start、end 或 text，已跳过
notice-bad-import = 第 { $line } 行：无法导入“{ $src }”：{ $reason }；这张幻灯片保持原样
import-loop = 它（经由其他文件）导入了自己
import-not-text = 不是文本文件
import-too-deep = 导入套导入超过 { $depth } 层
reason-cut-short = { $message }（文件似乎被截断了）
reason-top-not-object = 最外层是{ $found }，不是对象
reason-format-other = "format" 是{ $found }，应为 "{ $expected }"
reason-no-format = 没有 "format" 字段
reason-version-not-number = 应为从 0 起的整数，实际是{ $found }
reason-no-version = 缺少 `version` 字段
reason-utf16-odd = UTF-16 文本的字节数是奇数（文件似乎被截断了）
reason-binary = 是二进制数据，不是文本
reason-malformed = 有无效的 { $encoding } 字节序列
reason-not-utf8 = 不是 UTF-8 文本（第 { $line } 行第 { $column } 列有无效字节）
value-kind = { $kind ->
    [array] 数组
   *[object] 对象
}
value-shown = { $kind ->
    [boolean] 布尔值
    [number] 数字
   *[string] 字符串
} { $value }

## 命令行（`talkdeck --help`、手册页、命令补全）
cli-about = 把演讲变成幻灯片式的卡片，并在上面记下你的笔记
cli-usage = 用法：
cli-commands = 命令
cli-arguments = 参数
cli-options = 选项
cli-files = 要打开的演讲：文字稿、字幕、文章或 Markdown 幻灯片。打开第一个（未给出时打开内置演讲）；单独给出的笔记文件（.json）会与它所属的演讲一起打开
cli-notes = 与演讲一起打开的笔记文件，不存在时在首次保存时创建；W3C 标注、Hypothesis JSON 或 .pdfpc 文件会导入窗口中的笔记（保存到 talkdeck 笔记文件，绝不覆盖原文件）
cli-outline = 输出演讲生成的卡片，不打开窗口
cli-talk = 演讲文件
cli-outline-json = 输出 JSON 而不是文本
cli-recap = 根据演讲和笔记写出 Markdown 复盘（不加 -o 时输出到标准输出）
cli-recap-notes = 笔记：talkdeck 笔记文件、W3C Web Annotation JSON-LD、Hypothesis JSON（API 或导出）或 .pdfpc 文件
cli-recap-output = 写入这个文件而不是标准输出（原子写入）
cli-recap-deck = 输出幻灯片而不是文档：--deck 或 --deck=marp 为 Marp，--deck=reveal 为 reveal.js
cli-recap-skip-empty = 略去没有笔记的卡片
cli-recap-lang = 复盘自身标题所用的语言
cli-export = 把笔记写成其他工具的格式：pdfpc、Anki、Readwise、Markdown 笔记本、W3C 批注或回顾（不加 -o 时输出到标准输出）
cli-export-to = 格式：pdfpc（.pdfpc，第 2 版格式）、anki（Anki 文本导入）、readwise（Readwise 的 CSV）、notes-md（你的笔记和高亮，Markdown）、w3c（W3C Web Annotation JSON-LD）、recap、marp 或 reveal（回顾，与 talkdeck recap 相同）
cli-export-output = 写入这个文件而不是标准输出（原子写入）
cli-export-lang = 导出内容自身用语（标题）的语言
cli-completions = 输出命令补全脚本
cli-completions-shell = 为哪种 shell 补全
cli-man = 把手册页（roff）写入文件夹
cli-man-dir = 文件夹
cli-help = 显示帮助
cli-version = 显示版本
cli-exit-status = 退出状态：0 表示完成；1 表示文件无法读写或无法打开窗口（标准错误输出一行，说明是哪个文件、什么原因）；2 表示命令行有误。

## 启动窗口时给出的文件
launch-not-opened = 已打开 { $opened }。talkdeck 一次只打开一个演讲，以下 { $count } 个文件未打开：{ $ignored }
launch-talk-not-found = { $notes } 所属的演讲不在最近打开的演讲中，因此这些笔记显示在内置演讲上。请先用 Ctrl+Shift+O 打开它们的演讲，再用 Ctrl+O 打开这些笔记。
launch-talk-not-found-titled = { $notes } 所属的演讲（“{ $title }”）不在最近打开的演讲中，因此这些笔记显示在内置演讲上。请先用 Ctrl+Shift+O 打开它们的演讲，再用 Ctrl+O 打开这些笔记。
notice-skipped = 已读取 { $name }，但跳过了 { $count } 处：{ $lines }

## 排练（演讲计划与节奏、排练记录）
planned = 计划
planned-hint = 整场演讲计划的分钟数。每张卡片的预算按它的预计用时（有时间轴的卡片按实际时长）所占比例分得。
planned-minutes = { $minutes } 分钟
budget-hint = 本卡片用时 / 预算
pace-on-time = 进度正常
pace-ahead = 提前 { $time }
pace-behind = 落后 { $time }
pace-hint = 与此刻应到的进度相比：计划时长 ×（卡片序号 − ½）÷ 卡片数。提前或落后超过一分钟时显示。
use-last-run = 用上次排练作预算
use-this-run = 用这次排练作预算
use-estimates = 按预计用时分配预算
budgets-from-run = 预算来自一次排练
menu-rehearsals = 排练记录
rehearsals-title = 排练记录
rehearsals-none = 还没有排练。按 F5 开始演示：每一次演示（直到按 Esc）都会连同每张卡片的用时记在这里。
rehearsals-runs = { $count } 次排练
run-of = { $date } 的排练
run-line = 用时 { $time }，计划 { $planned } · { $pauses ->
    [0] 没有暂停
   *[other] 暂停 { $pauses } 次（{ $paused }）
}
run-summary = 本次排练小结
runs-compared = 历次排练对比
col-card = 卡片
col-budget = 预算
col-this-run = 本次
col-last-run = 上次
col-best = 最佳
col-total = 合计
best-hint = 本次及之前各次中最接近预算的用时
over-budget = 超出 { $time }
under-budget = 剩余 { $time }
not-shown = —
delete-run = 删除这次排练
close = 关闭
recap-with-rehearsal = 复盘附上次排练的用时
cli-recap-rehearsal = 为每张卡片附上最近一次排练在它上面的用时（及预算）
## The recap's own words (headings and labels around the talk's and the user's text).
recap-untitled = 无标题演讲
recap-speaker = 演讲者
recap-role = 身份
recap-event = 活动
recap-date = 日期
recap-source = 来源
recap-author = 作者
recap-key-points = 要点
recap-my-notes = 我的笔记
recap-tags = 标签
recap-tag-index = 标签索引
recap-orphaned-notes = 未归位的笔记
recap-orphaned-intro = 这些笔记所在的卡片或所标注的段落不在当前版本的演讲中。
recap-card = 卡片
# "␣" stands for a space Fluent would trim.
recap-colon = ：
recap-list-sep = 、
recap-last-rehearsal = 上次排练
recap-budget = 预算
