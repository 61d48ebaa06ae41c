/// The built-in lexicon: the same entries as graph/lexicon.tsv at the time of
/// writing, so extraction works with no lexicon file at all. graph/lexicon.tsv and
/// --lexicon files add to it.
let builtinLexiconTSV = """
company	OpenAI
company	Anthropic	Anthropic AI|Anthropic PBC
company	Google	谷歌|Google LLC|谷歌公司
company	DeepMind	Google DeepMind|谷歌DeepMind|谷歌 DeepMind
company	Microsoft	微软|微软公司
company	Amazon	亚马逊|Amazon Web Services|AWS|亚马逊云科技
company	Meta	Meta Platforms|Facebook|脸书
company	Apple	苹果公司|Apple Inc.
company	Nvidia	NVIDIA|英伟达|輝達
company	AMD	超威半导体
company	Intel	英特尔
company	TSMC	台积电
company	Samsung	三星|三星电子
company	Qualcomm	高通
company	Broadcom	博通
company	Arm	ARM
company	Huawei	华为
company	Alibaba	阿里巴巴|阿里|阿里云|Alibaba Cloud
company	Tencent	腾讯
company	Baidu	百度
company	ByteDance	字节跳动|字节
company	DeepSeek	深度求索
company	Moonshot AI	月之暗面
company	Zhipu AI	智谱|智谱AI|智谱 AI
company	MiniMax	稀宇科技
company	Baichuan	百川智能
company	01.AI	零一万物
company	StepFun	阶跃星辰
company	iFlytek	科大讯飞
company	SenseTime	商汤|商汤科技
company	Xiaomi	小米
company	xAI
company	Mistral AI
company	Cohere
company	Inflection AI
company	Hugging Face	HuggingFace
company	Stability AI
company	Midjourney
company	Perplexity	Perplexity AI
company	Character.AI	Character AI
company	Scale AI
company	Databricks
company	Snowflake
company	Salesforce
company	Oracle	甲骨文
company	IBM
company	Tesla	特斯拉
company	SpaceX
company	Neuralink
company	Safe Superintelligence	SSI
company	Thinking Machines Lab
company	Cursor	Anysphere
company	Cognition	Cognition AI|Cognition Labs
company	Replit
company	Windsurf	Codeium
company	GitHub
company	Lightspeed	Lightspeed Venture Partners
company	Sequoia Capital	红杉资本|红杉|Sequoia
company	Andreessen Horowitz	a16z
company	SoftBank	软银
company	Y Combinator
company	Founders Fund
company	Thrive Capital
company	Reddit
company	Twitter	推特
company	Pfizer	辉瑞
company	Thermo Fisher	赛默飞|赛默飞世尔
company	CSDN
company	TIME	《时代》|《时代》杂志|时代周刊|《时代周刊》|时代杂志|《时代杂志》|TIME magazine
company	The New York Times	纽约时报|《纽约时报》|New York Times
company	The Wall Street Journal	华尔街日报|《华尔街日报》|Wall Street Journal|WSJ
company	Bloomberg	彭博|彭博社
company	Reuters	路透社
company	CNBC
company	The Information
company	Financial Times	金融时报|《金融时报》
company	Wired	《连线》
company	TechCrunch
company	The Verge
company	新智元
company	机器之心
company	量子位
company	IT之家
company	软媒
company	36氪
company	虎嗅
company	极客公园
company	海外独角兽
company	Founder Park
company	Big Technology
company	Stanford University	斯坦福|斯坦福大学|Stanford
company	Harvard University	哈佛|哈佛大学|Harvard
company	MIT	麻省理工|麻省理工学院|Massachusetts Institute of Technology
company	UC Berkeley	伯克利|加州大学伯克利分校|Berkeley
company	Princeton University	普林斯顿|普林斯顿大学|Princeton
company	Carnegie Mellon University	卡内基梅隆大学|卡内基梅隆|CMU
company	University of Oxford	牛津大学|Oxford
company	University of Cambridge	剑桥大学|Cambridge
company	Tsinghua University	清华大学|清华
company	Peking University	北京大学|北大
company	University of Toronto	多伦多大学
company	National Institutes of Health	NIH|美国国立卫生研究院
company	U.S. government	美国政府
company	European Union	欧盟
company	Golden State Warriors	金州勇士队|勇士队
company	NetEase	网易
company	Netflix	奈飞
company	YouTube	油管
company	LinkedIn	领英
company	Slack
company	WeChat	微信
company	TikTok	抖音
company	Adobe
company	Uber
person	Sam Altman	萨姆·奥特曼|山姆·奥特曼|奥特曼|Altman
person	Dario Amodei	达里奥·阿莫迪|阿莫迪|Amodei
person	Daniela Amodei	丹妮拉·阿莫迪
person	Jensen Huang	黄仁勋|老黄
person	Elon Musk	马斯克|埃隆·马斯克|Musk
person	Mark Zuckerberg	扎克伯格|马克·扎克伯格|小扎|Zuckerberg
person	Satya Nadella	纳德拉|萨提亚·纳德拉|Nadella
person	Sundar Pichai	皮查伊|桑达尔·皮查伊|Pichai
person	Demis Hassabis	哈萨比斯|戴密斯·哈萨比斯|Hassabis
person	Ilya Sutskever	伊利亚·苏茨克维|苏茨克维|Sutskever|Ilya
person	Greg Brockman	格雷格·布罗克曼|布罗克曼|Brockman
person	Mira Murati	米拉·穆拉蒂|穆拉蒂|Murati
person	Andrej Karpathy	卡帕西|安德烈·卡帕西|Karpathy
person	Geoffrey Hinton	辛顿|杰弗里·辛顿|Hinton
person	Yann LeCun	杨立昆|LeCun
person	Yoshua Bengio	本吉奥|约书亚·本吉奥|Bengio
person	Fei-Fei Li	李飞飞
person	Andrew Ng	吴恩达
person	Donald Trump	唐纳德·特朗普|特朗普|川普|Trump
person	Joe Biden	拜登|乔·拜登
person	Bill Gates	比尔·盖茨|盖茨
person	Steve Jobs	史蒂夫·乔布斯|乔布斯
person	Tim Cook	蒂姆·库克
person	Jeff Bezos	杰夫·贝索斯|贝索斯|Bezos
person	Lisa Su	苏姿丰
person	Masayoshi Son	孙正义
person	Liang Wenfeng	梁文锋
person	Robin Li	李彦宏
person	Pony Ma	马化腾
person	Jack Ma	马云
person	Lei Jun	雷军
person	Zhang Yiming	张一鸣
person	Kai-Fu Lee	李开复
person	Yang Zhilin	杨植麟
person	Wang Xiaochuan	王小川
person	Lex Fridman	莱克斯·弗里德曼|Fridman
person	Chris Olah	克里斯·奥拉
person	Jared Kaplan	贾里德·卡普兰
person	Jan Leike
person	John Schulman	约翰·舒尔曼|舒尔曼|Schulman
person	Noam Shazeer
person	Mustafa Suleyman	穆斯塔法·苏莱曼|苏莱曼
person	Albert Einstein	爱因斯坦|阿尔伯特·爱因斯坦|Einstein
person	Alan Turing	图灵|艾伦·图灵
person	Rich Sutton	Richard Sutton|理查德·萨顿
person	Noam Chomsky	乔姆斯基|诺姆·乔姆斯基|Chomsky
person	Gwern Branwen	Gwern
person	Leopold Aschenbrenner	Aschenbrenner
person	Amanda Askell
person	Dwarkesh Patel	Dwarkesh
person	Tyler Cowen
person	Robert Solow
person	Alex Kantrowitz
person	Kevin Scott
person	Arthur Mensch
person	Aravind Srinivas
person	Alexandr Wang	亚历山大·王
person	Marc Andreessen	马克·安德森
person	Peter Thiel	彼得·蒂尔
person	Reid Hoffman	里德·霍夫曼
person	Jeff Dean	杰夫·迪恩
person	Noam Brown
person	Jack Clark
person	Mike Krieger
person	Shane Legg
person	Jim Fan	范麟熙
person	Yao Shunyu	姚顺雨
person	Zhou Hongyi	周鸿祎
person	Gavin Newsom	加文·纽瑟姆|纽瑟姆
person	Gary Marcus	加里·马库斯
person	Ray Kurzweil	库兹韦尔|雷·库兹韦尔
person	Nick Bostrom	博斯特罗姆
person	Eliezer Yudkowsky	尤德科夫斯基
person	Stuart Russell
person	Max Tegmark	泰格马克
person	Paul Christiano
person	Robert A. Heinlein	海因莱因|Heinlein
person	Alfred Hitchcock	希区柯克|阿尔弗雷德·希区柯克
person	Rosalind Franklin	罗莎琳德·富兰克林
model	ChatGPT		OpenAI
model	GPT		OpenAI
model	Claude		Anthropic
model	Gemini		Google
model	Gemma		Google
model	Bard		Google
model	Llama	LLaMA	Meta
model	Grok		xAI
model	Copilot	Microsoft Copilot	Microsoft
model	Sora		OpenAI
model	DALL-E	DALL·E	OpenAI
model	Codex		OpenAI
model	Whisper		OpenAI
model	AlphaGo		DeepMind
model	AlphaFold		DeepMind
model	AlphaZero		DeepMind
model	ERNIE Bot	文心一言	Baidu
model	Qwen	通义千问|千问	Alibaba
model	Doubao	豆包	ByteDance
model	Kimi		Moonshot AI
model	Hunyuan	混元|腾讯混元	Tencent
model	ChatGLM	智谱清言|GLM	Zhipu AI
model	DeepSeek-R1		DeepSeek
model	DeepSeek-V3		DeepSeek
model	Mistral		Mistral AI
model	Mixtral		Mistral AI
model	Phi		Microsoft
model	Stable Diffusion		Stability AI
company	网易号
company	Mellanox	迈络思
"""
