package corpus

// Phrase banks. Every phrase is checked against the taxonomy when a model
// is built (model.clean), so a phrase that the extractor would read as a
// skill is dropped rather than inflating every profile's evidence.

// Syllables of fictional names.
var (
	firstSyllables = []string{"a", "ka", "li", "ma", "na", "ra", "so", "ta", "vi", "el", "en", "or", "mi", "da",
		"jo", "lu", "ne", "ri", "sa", "te", "yo", "ze", "ha", "be", "fi", "co", "dre", "ise", "mar", "tho", "wen", "ul"}
	firstEndings  = []string{"n", "ra", "la", "s", "th", "na", "el", "o", "a", "", "ia", "en", "ir", "ette", "y"}
	lastSyllables = []string{"vor", "bel", "dun", "kas", "mer", "lin", "ost", "ram", "sel", "tor", "van", "wen",
		"hal", "kir", "mos", "nor", "pel", "quin", "ros", "ste", "ul", "yar", "zan", "brio", "cal", "del", "fen"}
	lastEndings = []string{"son", "berg", "ova", "ez", "ski", "ley", "wood", "ton", "ami", "ic", "ard", "enko", "etti", "a", "", "ström"}
)

// companySuffixes follow a generated syllable word: "Kasmer Analytics".
var companySuffixes = []string{"Labs", "Systems", "Analytics", "Health", "Robotics", "Logistics", "Bank",
	"Insurance", "Media", "Games", "Energy", "Foods", "Mobility", "Works", "Technologies", "Group",
	"Partners", "Studio", "Retail", "Telecom", "Biosciences", "Capital", "Aerospace", "Travel"}

// thingWords are what people build.
var thingWords = []string{"billing platform", "recommendation service", "developer portal", "reporting stack",
	"ingestion layer", "checkout flow", "fraud scoring service", "telemetry system", "order management system",
	"payments gateway", "customer portal", "scheduling engine", "pricing service", "inventory system",
	"claims workflow", "mobile banking app", "routing engine", "analytics dashboard", "booking backend",
	"document archive", "notification service", "partner integration", "onboarding flow", "support tooling"}

// skillBullets are experience bullets; {1}…{3} are skill names.
var skillBullets = []string{
	"Built and ran the {thing} on {1}, serving {n} thousand users a day.",
	"Migrated the {thing} to {1} with no downtime.",
	"Cut p99 latency of the {thing} by {pct}% by profiling the {1} code paths.",
	"Introduced {1} across the team and wrote the onboarding guide.",
	"Owned the {1} part of the {thing} end to end.",
	"Reviewed designs and code for the {1} components.",
	"Designed the {thing} using {1} and {2}.",
	"Moved the {thing} from {1} to {2}, halving running costs.",
	"Led a team of {n} engineers delivering {1} and {2} work for the {thing}.",
	"Wrote the team's {1} and {2} guidelines.",
	"Automated releases of the {thing} with {1} and {2}.",
	"Shipped the {thing} with {1}, {2} and {3}.",
	"Built internal tools with {1}, {2} and {3} used by {n} teams.",
	"Maintained the {thing}: {1}, {2} and {3}, plus on-call.",
	"Rebuilt the {thing} around {1}, {2} and {3}; throughput up {pct}%.",
}

// fillerBullets carry no skill.
var fillerBullets = []string{
	"Interviewed candidates and ran onboarding for new hires.",
	"Worked closely with product and design on quarterly planning.",
	"Mentored {n} junior engineers, two of whom were promoted.",
	"Ran the weekly incident review and tracked follow-ups.",
	"Wrote the team's first runbooks and on-call handbook.",
	"Presented the roadmap to leadership every quarter.",
	"Reduced support tickets by {pct}% through better error messages.",
	"Coordinated a vendor evaluation and negotiated the contract.",
	"Helped grow the team from {n} to {x} people.",
	"Took part in the hiring committee for senior roles.",
}

var degreeNames = []string{"B.Sc. Computer Science", "M.Sc. Computer Science", "B.Eng. Electrical Engineering",
	"B.Sc. Mathematics", "M.Sc. Physics", "B.A. Economics", "M.Eng. Software Engineering",
	"B.Sc. Information Systems", "Ph.D. Computer Science", "B.Sc. Statistics", "B.Eng. Mechanical Engineering"}

// schoolWords follow "University of": generated places are prefixed.
var schoolWords = []string{"Harrowgate", "Eastmoor", "Kellin", "Northfield", "Saltbridge", "Varnholm", "Lismore",
	"Ostravel", "Brightwater", "Dunmere", "Caldera Bay", "Westerlund"}

// Summary lines; {t} is a title, {y} years, {1}… skills.
var summaryOpeners = []string{
	"{t} with {y} years of experience shipping production software.",
	"{t} with {y} years in industry, most recently at a scale-up.",
	"{t}; {y} years of hands-on work across startups and larger companies.",
	"{t} who has spent {y} years building and operating systems people rely on.",
}

var summarySkillLines = []string{
	"Works mostly with {1} and {2}.",
	"Day to day: {1}, {2} and {3}.",
	"Recent work centres on {1} and {2}.",
	"Strongest in {1}, {2} and {3}.",
}

var summaryClosers = []string{
	"Cares about clear code, good documentation and calm on-call rotations.",
	"Enjoys mentoring and turning vague problems into small, shippable steps.",
	"Looking for a team that values ownership and steady delivery.",
	"Happiest close to users, measuring before optimising.",
	"",
}

// Job texts.
var jobIntros = []string{
	"We are a small, well-funded team building products used by thousands of businesses every day.",
	"Our engineering group ships weekly and owns what it builds, from design to on-call.",
	"We are growing the team that builds our core platform and are looking for an engineer who likes ownership.",
}

var jobDuties = []string{
	"Design, build and operate services that our customers depend on.",
	"Work with product and design to turn ideas into small, shippable steps.",
	"Review code, mentor teammates and raise the bar for quality.",
	"Take part in a humane on-call rotation and improve what pages us.",
	"Measure before optimising and write down what you learn.",
}

var jobRequiredLines = []string{
	"{n}+ years of professional experience with {1}.",
	"Hands-on experience with {1} in production.",
	"Solid working knowledge of {1}.",
	"Strong practical experience with {1}.",
	"{n}+ years building with {1}.",
	"Experience designing and operating systems built on {1}.",
}

var jobNiceLines = []string{
	"Exposure to {1}.",
	"Some experience with {1}.",
	"Familiarity with {1}.",
	"You have tried {1} on a side project.",
}

// Section headings (all recognised by the document reader).
var (
	summaryHeadings    = []string{"Summary", "Profile", "About", "Professional Summary"}
	experienceHeadings = []string{"Experience", "Work Experience", "Professional Experience", "Employment History"}
	skillsHeadings     = []string{"Skills", "Technical Skills", "Core Skills", "Tech Stack", "Technologies"}
	educationHeadings  = []string{"Education", "Education and Training"}
)

// Seniority prefixes of titles, from the most recent position back.
var seniority = [][]string{
	{"Staff", "Principal", "Lead", "Senior"},
	{"Senior", "Senior", ""},
	{"", ""},
	{"Junior", ""},
	{"Junior", "Associate", "Graduate"},
}

// familyTitles are role titles per taxonomy category; categories not
// listed get genericTitles.
var familyTitles = map[string][]string{
	"Machine learning":                  {"Machine Learning Engineer", "Applied Scientist", "ML Engineer", "Research Engineer"},
	"MLOps & ML tooling":                {"MLOps Engineer", "ML Platform Engineer", "Machine Learning Engineer"},
	"Web frontend":                      {"Frontend Engineer", "Frontend Developer", "UI Engineer", "Web Developer"},
	"Data engineering":                  {"Data Engineer", "Analytics Engineer", "Data Platform Engineer"},
	"DevOps & infrastructure":           {"Site Reliability Engineer", "DevOps Engineer", "Platform Engineer", "Infrastructure Engineer"},
	"LLMs & NLP":                        {"NLP Engineer", "Applied Scientist", "LLM Engineer", "Research Engineer"},
	"Databases":                         {"Database Engineer", "Database Administrator", "Backend Engineer"},
	"Security":                          {"Security Engineer", "Application Security Engineer", "Security Analyst"},
	"Web backend":                       {"Backend Engineer", "Backend Developer", "Software Engineer", "API Engineer"},
	"Networking":                        {"Network Engineer", "Network Software Engineer", "Systems Engineer"},
	"Operating systems & kernels":       {"Kernel Engineer", "Systems Engineer", "Systems Software Engineer"},
	"Inference & serving":               {"Inference Engineer", "ML Systems Engineer", "Machine Learning Engineer"},
	"Scientific & engineering software": {"Research Software Engineer", "Computational Scientist", "Simulation Engineer"},
	"Data science & analytics":          {"Data Scientist", "Data Analyst", "Analytics Engineer"},
	"Cloud platforms":                   {"Cloud Engineer", "Cloud Architect", "Platform Engineer"},
	"Graphics & game development":       {"Graphics Engineer", "Game Developer", "Rendering Engineer", "Gameplay Programmer"},
	"Design & multimedia":               {"Product Designer", "Creative Technologist", "Multimedia Developer"},
	"Embedded & DSP":                    {"Embedded Software Engineer", "Firmware Engineer", "DSP Engineer"},
	"Hardware design":                   {"Hardware Engineer", "ASIC Design Engineer", "FPGA Engineer", "Verification Engineer"},
	"GPU programming":                   {"GPU Software Engineer", "Performance Engineer", "Kernel Developer"},
	"Computer vision":                   {"Computer Vision Engineer", "Perception Engineer", "Applied Scientist"},
	"Business & enterprise software":    {"ERP Consultant", "Business Systems Analyst", "Solutions Consultant"},
	"Parallel & distributed computing":  {"Distributed Systems Engineer", "Software Engineer", "Performance Engineer"},
	"CAD & manufacturing":               {"Manufacturing Engineer", "CAD Engineer", "Design Engineer"},
	"Model optimization":                {"ML Performance Engineer", "Model Optimization Engineer", "Research Engineer"},
	"Robotics & autonomous systems":     {"Robotics Engineer", "Autonomy Engineer", "Controls Engineer"},
	"Domain-specific software":          {"Solutions Engineer", "Software Engineer", "Technical Consultant"},
	"Business intelligence":             {"BI Developer", "BI Analyst", "Reporting Analyst"},
	"Mobile":                            {"Mobile Engineer", "iOS Engineer", "Android Engineer", "Mobile Developer"},
	"Processors & instruction sets":     {"CPU Architect", "Performance Engineer", "Compiler Engineer"},
	"Desktop & GUI":                     {"Desktop Application Developer", "Software Engineer", "UI Developer"},
	"Industrial automation":             {"Automation Engineer", "Controls Engineer", "PLC Programmer"},
	"Compilers & toolchains":            {"Compiler Engineer", "Toolchain Engineer", "Software Engineer"},
	"ML compilers":                      {"ML Compiler Engineer", "Compiler Engineer", "ML Systems Engineer"},
	"Performance engineering":           {"Performance Engineer", "Software Engineer", "Systems Engineer"},
	"Content management & e-commerce":   {"E-commerce Developer", "Web Developer", "Solutions Developer"},
	"Blockchain":                        {"Blockchain Engineer", "Smart Contract Developer", "Protocol Engineer"},
	"High-performance computing":        {"HPC Engineer", "Research Software Engineer", "Performance Engineer"},
	"Deep learning frameworks":          {"Deep Learning Engineer", "Research Engineer", "Machine Learning Engineer"},
	"Quantum computing":                 {"Quantum Software Engineer", "Research Scientist"},
}

var genericTitles = []string{"Software Engineer", "Software Developer", "Engineer", "Developer"}

func titlesFor(category string) []string {
	if t, ok := familyTitles[category]; ok {
		return append(append([]string(nil), t...), genericTitles[:2]...)
	}
	return genericTitles
}
