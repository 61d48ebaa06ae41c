/// Word tables for Chinese person and organisation names no lexicon lists.
/// Every table says which general phrasing it covers. Traditional characters
/// are folded to simplified by the Normalizer, so the tables are simplified.
enum ChineseNameTables {
    // MARK: persons

    /// Single-character surnames (the most frequent few hundred, then rarer ones of the Hundred Family
    /// Surnames and Cantonese usage that are never a common word's first character: 仉 亓 郦 阙 禤 …). 和, 于, 向 and
    /// 时 are left out: as the first character of a name they are far more
    /// often a conjunction or preposition.
    static let surnames = ScalarSet("""
    王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭\
    陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易\
    乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴\
    蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边\
    卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝冼洪封\
    屠郁芮蔺阎晁鄢\
    仉亓郦阙禤訾逯郗鄂宦庾匡阚蒯竺邴郜缑亢昝隗逄濮扈
    """)

    /// Two-character surnames: `司马骁`, `欧阳娜娜`.
    static let compoundSurnames = WordList(["司马", "欧阳", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
                                            "宇文", "司徒", "夏侯", "端木", "令狐", "西门", "南宫", "独孤", "轩辕", "呼延"])

    /// Titles and roles written right before a name: `联合创始人温某`, `分析师李某`,
    /// `记者 王某`. The longest title wins.
    static let titlesBefore = WordList([
        "创始人", "联合创始人", "创办人", "共同创办人", "首席执行官", "执行长", "行政总裁", "总裁", "副总裁", "董事长",
        "副董事长", "董事", "总经理", "副总经理", "经理", "主任", "副主任", "主席", "院长", "副院长", "所长", "校长",
        "教授", "副教授", "研究员", "科学家", "首席科学家", "首席技术官", "技术官", "首席运营官", "运营官", "首席财务官",
        "财务官", "首席产品官", "分析师", "首席分析师", "合伙人", "创始合伙人", "管理合伙人", "投资人", "负责人",
        "工程师", "总监", "协理", "记者", "编辑", "责编", "作者", "撰文", "主持人", "嘉宾", "博士生", "发言人", "律师",
        "CEO", "CTO", "COO", "CFO",
        // Taiwan usage for the C-suite: `技術長某某`, `營運長某某`, `財務長某某`, `產品長某某`
        "技术长", "营运长", "财务长", "产品长", "研发长", "资讯长", "行销长", "营销长",
        // a colleague introduced by relation: `老同事某某`
        "同事", "老同事", "前同事",
        // an executive introduced by rank: `高管某某`, `另一位高管某某`
        "高管", "出品人", "挖来了", "挖来", "聘请了", "聘请", "任命", "译者", "审校", "采访", "口述", "主编", "主笔", "文/", "文 /",
    ])

    /// Verbs and particles written right after a name: `某某表示`, `某某则认为`,
    /// `某某于 2020 年创办`, `某某本人`.
    static let cuesAfter = WordList([
        "表示", "说", "称", "认为", "指出", "透露", "介绍", "坦言", "告诉", "强调", "回忆", "解释", "补充", "预计",
        "直言", "提到", "谈到", "坦承", "则", "也", "曾", "此前", "目前", "现任", "担任", "出任", "本人", "先生", "女士",
        "博士", "教授", "接受", "于", "在", "将", "已", "还", "并", "他", "她", "对此", "向", "与", "和", "认", "看来",
        "发现", "负责", "牵头", "领导", "带领", "加入", "离开", "创办", "创立", "毕业", "过去", "早年", "随后",
        "（", "(", "，", "。", "、",
    ])
    /// Verbs after a name that carry it without a title before it
    /// (`。某某表示`, `由某某于…创办`): speech and reporting verbs only.
    static let speechVerbs = WordList([
        "表示", "说", "称", "认为", "指出", "透露", "介绍", "坦言", "告诉", "强调", "回忆", "解释", "补充", "直言",
        "提到", "谈到", "坦承", "则表示", "则认为", "也表示", "也认为", "本人", "先生", "女士", "博士", "教授",
        "接受", "回应", "举例", "总结", "感慨", "笑称", "承认", "警告", "预测", "判断",
    ])
    /// Founding verbs after a name with no title (`，某某于 2016 年创办某公司`, `。某某创立了…`): they carry
    /// a person as the speech verbs do, after punctuation and for surnames that are rarely words.
    static let foundingVerbs = WordList(["创办", "创立", "联合创办", "联合创立", "共同创办", "共同创立", "一手创办"])
    /// What ends a transcript's speaker label (`某某：…` at a line start, full-width colons read as `:`)
    static let speakerLabelEnds = ScalarSet(":：")
    /// Surname characters that more often start an ordinary word (`和`, `于`,
    /// `方`, `时`…): a name starting with one needs a title before it.
    static let wordlikeSurnames = ScalarSet("屠和于向时曾关常应方文路曲范管席左吉华高成全明连单车商冷解房宫谷师齐党景石金白安易江马龙米万包司古农阳平章苏双尚符强武项毕童柯纪梅凌盛翁蓝简牛丛仲池查麻苑迟封洪上东长公西南令端尉皇诸慕宇和巫沙甘蒙舒时")
    /// Of `cuesAfter`, the ones that also let a two-character name end before
    /// them when a third character would otherwise be read as its given name
    /// (`蒋澈则表示` is 蒋澈, not 蒋澈则).
    static let particlesAfter = ScalarSet("则也曾将已还并于在说称与和向")

    /// Characters never inside a given name: function words, and first
    /// characters of the verbs above.
    static let givenStops = ScalarSet("位置的了是在说和与及等也都就则又还曾将已对从被把为于向这那此其认指透坦告介强称表担出任们个年月日某并或而但因所以之")

    /// What may stand right before a name found by a verb after it alone:
    /// punctuation, or a word that introduces a person (`与某某`, `据某某`).
    static let beforeName = ScalarSet("与和及由据让被对向给跟同把将的，。、：；！？…（）《》“”‘’「」『』\"' :;,.!?()|/-")

    /// Common words that start with a surname character and are followed by
    /// the same verbs (`方面表示`, `高层透露`, `同时指出`): never names.
    static let notNames = WordList([
        "方面", "双方", "官方", "高层", "明确", "公开", "同时", "对此", "随后", "全部", "全球", "全年", "全国", "安全",
        "常常", "向来", "时候", "时间", "时代", "关于", "关注", "成本", "成为", "成功", "成立", "连续", "应该", "管理",
        "于是", "周年", "周期", "马上", "江湖", "车企", "金额", "资金", "文章", "路线", "高管", "高端", "高效", "高达",
        "万元", "单位", "华尔街", "和平", "和谐", "史上", "段时间", "曾经", "尤其", "其中", "因此", "宁愿", "甘愿",
        "时任", "明年", "明天", "今年", "陆续", "雷同", "游戏", "尚未", "从未", "简单", "简直", "毛利", "毛利率",
        "向外", "景气", "龙头", "钱包", "程序", "武器", "齐心", "杜绝", "宫殿", "房价", "司机", "商业", "商家",
        "项目", "任何", "任务", "施工", "康复", "孔子", "冷静", "严格", "严重", "包括", "包含", "车型", "车辆",
    ])

    // MARK: organisations

    /// Head words that end an organisation name: a stem plus one of these
    /// (`某某智能`, `某某实验室`, `某某半导体`, `某某有限公司`). Several may follow one
    /// another (`科技有限公司`).
    static let orgHeads = WordList([
        "科技", "智能", "创投", "半导体", "机器人", "实验室", "研究院", "研究所", "大学", "有限公司", "股份有限公司",
        "有限责任公司", "银行", "证券", "控股", "咨询", "传媒", "资管", "热能", "光电", "财经报", "日报", "时报", "晚报",
        "商报", "周刊", "财经网", "新闻网", "律师事务所", "集团", "资本", "投资", "基金", "财经", "保险", "学院",
        "研究中心", "微电子", "交易所", "智算",
    ])
    /// Heads that are also ordinary nouns after a verb or modifier (`注册资本`,
    /// `追加投资`, `产业基金`): the stem must stand after a clear boundary
    /// (punctuation, `由`, `与`, `、`…) or the name be followed by a cue
    /// (`领投`, `宣布`, a title).
    static let weakOrgHeads = WordList(["资本", "投资", "基金", "财经", "保险", "集团", "学院", "研究中心"])
    /// Nouns that join an organisation name only between its stem and a
    /// company form (`某某信息技术有限公司`, `某某网络科技`), never at its end.
    static let innerOrgHeads = WordList(["信息技术", "技术", "网络", "电子", "软件", "数据", "信息", "人工智能", "智能"])
    /// What may follow an organisation whose head word is weak: a funding or
    /// announcing verb or a title.
    static let orgCuesAfter = WordList([
        "领投", "跟投", "参投", "跟进", "超额跟投", "宣布", "表示", "称", "透露", "发布", "推出", "完成", "获得", "投资", "创始", "合伙人",
        "董事", "总裁", "执行", "首席", "管理", "旗下", "CEO", "继续", "追加", "再次", "联合",
    ])

    /// Words after a bare organisation name (no head word) that show it is
    /// one: `由某某领投`, `某某旗下`, `某某创始人`. (`宣布`, `发布了` follow verbs and
    /// nouns as often as names: left out.)
    static let bareOrgCuesAfter = WordList([
        "领投", "跟投", "参投", "跟进", "超额跟投", "联合领投", "共同领投", "旗下", "的创始人", "创始人", "联合创始人", "首席执行官", "执行长", "董事长", "CEO",
        // a listed company before its stock code in a notice (`某某（证券代码：600000）公告`; full-width brackets are normalised)
        "(证券代码", "(股票代码", "(股份代号", "(证券简称",
    ])
    /// Words before a bare organisation name: `收购某某`, `投资了某某`, `入股某某`.
    static let bareOrgCuesBefore = WordList(["收购", "投资了", "入股", "领投了"])
    /// Words right before a list of names, where a stem of three characters may
    /// start as after punctuation (`客户包括某某某科技`, `竞争对手还有某某某智能`).
    static let stemOpeners = WordList(["包括", "以及", "还有", "例如", "比如", "诸如", "收购了", "投资了", "入股了", "来自"])
    /// A kind of company right before its name (`初创公司某某宣布`, `独角兽某某完成`):
    /// the name runs to one of `bareOrgVerbsAfter`.
    static let companyNouns = WordList(["初创公司", "创业公司", "初创企业", "独角兽", "明星公司", "新创公司", "新创"])
    /// `收购一家编译器初创公司某某，`: after a kind introduced by `一家`, the name may end at punctuation
    static let kindIntroducers = WordList(["一家", "一间"])
    /// Kinds of company that introduce a name only after `一家 …` (`收购了北京的一家数据标注公司某某，`)
    static let introducedKinds = WordList(["公司", "企业", "厂商", "工作室"])
    static let bareOrgEndAfterKind = ScalarSet("，。；,;")
    static let bareOrgVerbsAfter = WordList(["宣布", "完成", "发布", "推出", "获得", "表示", "成立", "正式", "近日",
                                             "今天", "今日", "昨日", "日前", "也在", "也将", "也已", "近期"])
    /// What may stand before a bare organisation name: punctuation or a
    /// linking word. Stricter than for names with a head word.
    static let bareOrgBoundary = ScalarSet("由与和及、，。：；！？“”（）《》「」『』,.:;!?() \n")
    /// Nouns that take the same cues but are not names (`公司宣布`, `官方宣布`).
    static let bareOrgNotNames = WordList([
        "公司", "该公司", "官方", "双方", "对方", "我们", "他们", "她们", "团队", "集团", "平台", "政府", "监管",
        "市场", "行业", "机构", "投资人", "投资方", "股东", "老股东", "新股东", "资方", "本轮", "此次", "这次", "随后",
        "同时", "此前", "目前", "今年", "去年", "近日", "日前", "当天", "昨天", "今天", "最终", "最近", "如今", "其中",
        "另外", "此外", "另一家", "一家", "这家", "那家", "多家", "两家", "初创", "大厂", "巨头", "厂商", "企业",
        "创业公司", "实验室", "研究院", "大学", "学校", "媒体", "记者", "报道", "消息", "知情人士", "人士", "用户",
        "计划", "方案", "交易", "事项", "价格", "对价", "标的", "资产", "股权", "业务", "团队", "距离", "除了", "对于",
        "关于", "包括", "人工智能", "人类", "社会", "学术界", "产业界", "业界", "大家", "同行", "伙伴", "客户", "开发者", "社区", "高校", "医院", "线上", "线下", "海外", "国内", "一线", "基层", "内部", "研报", "报告", "内部信",
        // kinds of firm, not names (`在投行工作`, `去外企做了三年`)
        "工作", "实习", "任职", "投行", "外企", "国企", "央企", "私企", "券商", "创业", "大公司", "小公司",
    ])

    /// Stems that make a generic phrase with a head word, not a name
    /// (`人工智能`, `具身智能`, `人形机器人`, `科技公司`, `头部资本`).
    static let genericStems = WordList([
        "人工", "具身", "通用", "人形", "工业", "服务", "金融", "信息", "前沿", "国家", "重点", "高新", "数字", "生成",
        "决策", "认知", "计算", "移动", "智慧", "科技", "模型", "创业", "初创", "上市", "头部", "领先", "知名", "全球",
        "国内", "国际", "海外", "本土", "一家", "这家", "两家", "多家", "几家", "各家", "旗下", "风险", "私募", "天使",
        "产业", "战略", "政府", "国有", "民营", "外资", "中资", "美资", "商业", "股权", "成长", "早期", "合作", "关联",
        "自家", "对方", "双方", "辖下", "累计", "共计", "合计", "总计", "新增", "对外", "海外", "机器", "算力", "硬件", "网络", "数据", "追加", "继续", "进行", "完成", "获得", "大型",
        "小型", "中型", "新兴", "传统", "互联", "开源", "闭源", "语言", "语音", "图像", "视频", "视觉", "感知", "多模", "对齐", "安全", "能源", "汽车",
        "扫地", "聊天", "陪伴", "家用", "双足", "四足", "协作", "手术", "物流", "仓储", "消费", "医疗", "教育", "农业",
        "自动", "驾驶", "无人", "法律", "创新", "先进", "不够", "纳米", "联合", "首席", "算机", "注册", "问题", "腰部", "独立", "现有", "统计", "示例", "海量", "相同", "真机", "蒸馏", "神经", "推理", "模拟", "企业", "集团", "母公", "子公", "分公", "总公", "该公", "本公", "控股", "投资", "基金",
        "证券", "银行", "保险", "资本", "创投", "技术", "研发", "设计", "制造", "生产", "销售", "运营", "管理", "咨询",
        "研究", "实验", "大学", "学院", "中国", "美国", "硅谷", "科研", "高校", "名校", "顶尖", "一流", "核心", "主要",
        "其他", "其它", "相关", "同类", "同行", "竞争", "主流", "大厂", "巨头", "独角", "新锐", "明星", "多个", "各个",
        "机构", "平台", "公司", "芯片", "光电", "电子", "通信", "网信", "超级", "人机", "量化", "对冲", "并购", "收购",
        "领投", "跟投", "加码", "押注", "布局", "引入", "推出", "发布", "宣布", "表示", "旗舰", "自研", "底层",
    ])
    /// Stem characters that end a modifier (`生成式`, `智能化`, `大型`), or are
    /// function words: a stem containing one is not a name.
    static let stemStops = ScalarSet("不没未非更最很太较越叫比如若把被给让使的了在是和与及或等由向从对被把将为于也都就而但并又还已曾其该这那此个家款种类些每各们以让给到至自之所着过得地吗呢吧啊年月日号后前里式性化型级态位名次批轮届场说称据")
    /// Linking characters that may still open a two-character stem (`由和某资本领投`, `与和某创投`,
    /// `，同某科技`): right after another linking word or punctuation they cannot be the
    /// conjunction, since `和` + a one-character stem is no name either way.
    static let linkingStemStarts = ScalarSet("和与同")
    /// What stands before such a stem: a linking word, a preposition or punctuation.
    static let beforeLinkingStem = ScalarSet("由与和及同跟向被对为，。、：；（“「『《 \n")
}
