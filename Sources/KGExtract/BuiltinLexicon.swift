/// The built-in fallback lexicon (a core subset of graph/lexicon.tsv), so
/// extraction works with no lexicon file at all.
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
"""
