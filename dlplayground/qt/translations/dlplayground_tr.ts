<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr_TR">
<context>
    <name></name>
    <message>
        <source>a VAE needs one Reparameterize node (mu at port 0, logvar at port 1); the graph has none</source>
        <translation>bir VAE tek bir Reparameterize düğümü ister (port 0&apos;da mu, port 1&apos;de logvar); grafikte hiç yok</translation>
    </message>
    <message>
        <source>a VAE holds exactly one Reparameterize node, the graph has {count}</source>
        <translation>bir VAE tam olarak bir Reparameterize düğümü içerir, grafikte {count} tane var</translation>
    </message>
    <message>
        <source>Reparameterize needs mu at port 0 and logvar at port 1, has port(s) {ports}</source>
        <translation>Reparameterize port 0&apos;da mu ve port 1&apos;de logvar ister, bağlı port(lar): {ports}</translation>
    </message>
    <message>
        <source>the shape of z is unknown</source>
        <translation>z&apos;nin şekli bilinmiyor</translation>
    </message>
    <message>
        <source>the decoder (after Reparameterize &apos;{node}&apos;) reads &apos;{src}&apos;, which comes before it: &apos;{dst}&apos; cannot run from z alone</source>
        <translation>kod çözücü (Reparameterize &apos;{node}&apos; sonrası) kendinden önce gelen &apos;{src}&apos; düğümünü okuyor: &apos;{dst}&apos; yalnızca z ile çalışamaz</translation>
    </message>
    <message>
        <source>a GAN needs its noise size: set training.latent_dim (or the generator Input&apos;s shape)</source>
        <translation>bir GAN gürültü boyutunu ister: training.latent_dim değerini (ya da üreticinin Input şeklini) ayarlayın</translation>
    </message>
    <message>
        <source>a GAN needs a &apos;discriminator&apos; section: a second graph from a data sample to one logit</source>
        <translation>bir GAN &apos;discriminator&apos; bölümü ister: bir veri örneğinden tek bir logit&apos;e giden ikinci bir grafik</translation>
    </message>
    <message>
        <source>the generator makes samples of shape {fake} but the data&apos;s are {data}: make &apos;{source}&apos; output {data}</source>
        <translation>üretici {fake} şeklinde örnekler üretiyor ama verininkiler {data}: &apos;{source}&apos; çıktısını {data} yapın</translation>
    </message>
    <message>
        <source>the discriminator outputs {shape} per sample but needs [1], one logit (real or fake): change &apos;{source}&apos;</source>
        <translation>ayırt edici örnek başına {shape} veriyor ama [1], yani tek bir logit (gerçek ya da sahte) gerekiyor: &apos;{source}&apos; düğümünü değiştirin</translation>
    </message>
    <message>
        <source>the {objective} reconstructs its input: it outputs {shape} per sample but the input is {data}: make &apos;{source}&apos; output {data}</source>
        <extracomment>the objectives whose output reconstructs the input (``training.objective``)</extracomment>
        <translation>{objective} girdisini yeniden oluşturur: örnek başına {shape} veriyor ama girdi {data}: &apos;{source}&apos; çıktısını {data} yapın</translation>
    </message>
    <message>
        <source>unknown layer type &apos;{type}&apos;</source>
        <translation>bilinmeyen katman türü &apos;{type}&apos;</translation>
    </message>
    <message>
        <source>&apos;trainable&apos; must be true or false, got {value}</source>
        <translation>&apos;trainable&apos; true ya da false olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>{type}: {message}</source>
        <translation>{type}: {message}</translation>
    </message>
    <message>
        <source>{type} needs at least {needed} input(s), has {count}</source>
        <translation>{type} en az {needed} girdi ister, {count} girdisi var</translation>
    </message>
    <message>
        <source>{type} needs {needed} input(s), has {count}</source>
        <translation>{type} {needed} girdi ister, {count} girdisi var</translation>
    </message>
    <message>
        <source>{type} takes {most} input(s), has {count} (from {sources})</source>
        <translation>{type} {most} girdi alır, {count} girdisi var (kaynaklar: {sources})</translation>
    </message>
    <message>
        <source>Input shape {declared} does not match the dataset&apos;s sample shape {data}</source>
        <translation>Input şekli {declared}, veri kümesinin örnek şekli {data} ile uyuşmuyor</translation>
    </message>
    <message>
        <source>the input shape is unknown: set the Input&apos;s shape or pick a dataset</source>
        <translation>girdi şekli bilinmiyor: Input düğümünün şeklini ayarlayın ya da bir veri kümesi seçin</translation>
    </message>
    <message>
        <source>Input shape may not hold -1</source>
        <translation>Input şekli -1 içeremez</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must be set</source>
        <extracomment>the largest magnitude an integer option may have: torch takes its arguments as int64 strings an ``int`` or ``int_or_pair`` also takes (``&quot;same&quot;`` for a convolution&apos;s padding) accepted in project files but not offered in the editor&apos;s forms (torch options that make no difference here, such as ``inplace``) the minimum itself is refused (a learning rate must be above 0, however little)</extracomment>
        <translation>&apos;{name}&apos; ayarlanmalı</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must be true or false, got {value}</source>
        <translation>&apos;{name}&apos; true ya da false olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must be one of {allowed}, got {value}</source>
        <translation>&apos;{name}&apos; şunlardan biri olmalı: {allowed}; alınan: {value}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must be a string, got {value}</source>
        <translation>&apos;{name}&apos; bir metin olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must be an integer{words}, got {value}</source>
        <translation>&apos;{name}&apos; bir tam sayı{words} olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must be a number, got {value}</source>
        <translation>&apos;{name}&apos; bir sayı olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must be a finite number, got {value}</source>
        <translation>&apos;{name}&apos; sonlu bir sayı olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must be an integer or a pair of integers{words}, got {value}</source>
        <translation>&apos;{name}&apos; bir tam sayı ya da tam sayı çifti{words} olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must be a list of integers, got {value}</source>
        <translation>&apos;{name}&apos; bir tam sayı listesi olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds an integer too large: {value}</source>
        <translation>&apos;{name}&apos; çok büyük bir tam sayı içeriyor: {value}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; may hold at most one -1, got {value}</source>
        <translation>&apos;{name}&apos; en fazla bir tane -1 içerebilir, alınan: {value}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; entries must be positive (or one -1), got {value}</source>
        <translation>&apos;{name}&apos; öğeleri pozitif (ya da tek bir -1) olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is too large: {value} (at most {limit})</source>
        <translation>&apos;{name}&apos; çok büyük: {value} (en fazla {limit})</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must be &gt; {minimum}, got {value}</source>
        <translation>&apos;{name}&apos; &gt; {minimum} olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must be &gt;= {minimum}, got {value}</source>
        <translation>&apos;{name}&apos; &gt;= {minimum} olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must be &lt;= {maximum}, got {value}</source>
        <translation>&apos;{name}&apos; &lt;= {maximum} olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>unknown parameter &apos;{name}&apos; (known: {known})</source>
        <translation>bilinmeyen parametre &apos;{name}&apos; (bilinenler: {known})</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is required</source>
        <translation>&apos;{name}&apos; zorunludur</translation>
    </message>
    <message>
        <source>the graph has no Input node</source>
        <translation>grafikte Input düğümü yok</translation>
    </message>
    <message>
        <source>only one Input node is allowed</source>
        <translation>yalnızca bir Input düğümüne izin verilir</translation>
    </message>
    <message>
        <source>the graph has no Output node</source>
        <translation>grafikte Output düğümü yok</translation>
    </message>
    <message>
        <source>exactly one Output node is allowed (version 1)</source>
        <translation>tam olarak bir Output düğümüne izin verilir (sürüm 1)</translation>
    </message>
    <message>
        <source>no path from the Input &apos;{input}&apos; to the Output &apos;{output}&apos;</source>
        <translation>Input &apos;{input}&apos; düğümünden Output &apos;{output}&apos; düğümüne yol yok</translation>
    </message>
    <message>
        <source>not on a path from the Input to the Output</source>
        <translation>Input&apos;tan Output&apos;a giden bir yol üzerinde değil</translation>
    </message>
    <message>
        <source>the graph has a cycle: {path}</source>
        <translation>grafikte bir döngü var: {path}</translation>
    </message>
    <message>
        <source>Accepted for compatibility with torch; ignored (outputs are never overwritten in place: plots and branches read them)</source>
        <extracomment>torch options accepted for compatibility but never passed on: every node&apos;s output is kept (for the plots, and for branches that read it), so nothing may be computed in place</extracomment>
        <translation>torch ile uyumluluk için kabul edilir; yok sayılır (çıktıların üzerine asla yerinde yazılmaz: grafikler ve dallar onları okur)</translation>
    </message>
    <message>
        <source>The model&apos;s input; its shape comes from the dataset unless &apos;shape&apos; is set.</source>
        <extracomment>where the playground&apos;s own modules live (Add, Concat, the recurrent wrappers, ...)</extracomment>
        <translation>Modelin girdisi; &apos;shape&apos; ayarlanmadıkça şekli veri kümesinden gelir.</translation>
    </message>
    <message>
        <source>Per-sample shape without the batch dim, e.g. [1, 8, 8]</source>
        <translation>Yığın boyutu olmadan örnek başına şekil, ör. [1, 8, 8]</translation>
    </message>
    <message>
        <source>Marks the model&apos;s output (exactly one per project).</source>
        <translation>Modelin çıktısını işaretler (proje başına tam olarak bir tane).</translation>
    </message>
    <message>
        <source>Fully connected (dense) layer: y = xW^T + b.</source>
        <translation>Tam bağlantılı (yoğun) katman: y = xW^T + b.</translation>
    </message>
    <message>
        <source>Number of output units</source>
        <translation>Çıktı birimi sayısı</translation>
    </message>
    <message>
        <source>Learn an additive bias</source>
        <translation>Eklenen bir sapma (bias) öğren</translation>
    </message>
    <message>
        <source>Zeroes random activations with probability p during training (regularisation).</source>
        <translation>Eğitim sırasında rastgele aktivasyonları p olasılığıyla sıfırlar (düzenlileştirme).</translation>
    </message>
    <message>
        <source>Probability of zeroing an element</source>
        <translation>Bir öğeyi sıfırlama olasılığı</translation>
    </message>
    <message>
        <source>Flattens dims start_dim..end_dim into one (dim 0 is the batch).</source>
        <translation>start_dim..end_dim boyutlarını tek boyuta düzleştirir (boyut 0 yığındır).</translation>
    </message>
    <message>
        <source>First dim to flatten (counted with the batch dim)</source>
        <translation>Düzleştirilecek ilk boyut (yığın boyutuyla birlikte sayılır)</translation>
    </message>
    <message>
        <source>Last dim to flatten</source>
        <translation>Düzleştirilecek son boyut</translation>
    </message>
    <message>
        <source>Reshapes each sample to &apos;shape&apos; (one entry may be -1).</source>
        <translation>Her örneği &apos;shape&apos; şekline getirir (bir öğe -1 olabilir).</translation>
    </message>
    <message>
        <source>Target per-sample shape</source>
        <translation>Hedef örnek başına şekil</translation>
    </message>
    <message>
        <source>Reorders each sample&apos;s dims: perm lists every dim (with the batch dim 0 first).</source>
        <translation>Her örneğin boyutlarını yeniden sıralar: perm her boyutu listeler (önce yığın boyutu 0).</translation>
    </message>
    <message>
        <source>The new order of the dims, counted with the batch dim, which stays first (0)</source>
        <translation>Boyutların yeni sırası, yığın boyutuyla birlikte sayılır; yığın boyutu başta kalır (0)</translation>
    </message>
    <message>
        <source>Passes its input through unchanged.</source>
        <translation>Girdisini değiştirmeden geçirir.</translation>
    </message>
    <message>
        <source>Looks up a learned vector for each integer token id.</source>
        <translation>Her tam sayı jeton kimliği için öğrenilmiş bir vektörü getirir.</translation>
    </message>
    <message>
        <source>Vocabulary size</source>
        <translation>Sözcük dağarcığı boyutu</translation>
    </message>
    <message>
        <source>Size of each vector</source>
        <translation>Her vektörün boyutu</translation>
    </message>
    <message>
        <source>A token id whose vector stays zero and gets no gradient</source>
        <translation>Vektörü sıfır kalan ve gradyan almayan bir jeton kimliği</translation>
    </message>
    <message>
        <source>Rescale looked-up vectors to at most this norm</source>
        <translation>Getirilen vektörleri en fazla bu normda olacak şekilde yeniden ölçekle</translation>
    </message>
    <message>
        <source>The p of the p-norm for max_norm</source>
        <translation>max_norm için p-normunun p değeri</translation>
    </message>
    <message>
        <source>Scale gradients by the inverse frequency of the ids in the batch</source>
        <translation>Gradyanları kimliklerin yığındaki sıklığının tersiyle ölçekle</translation>
    </message>
    <message>
        <source>Number of filters</source>
        <translation>Filtre sayısı</translation>
    </message>
    <message>
        <source>Filter size (1 gives a 1x1 convolution)</source>
        <translation>Filtre boyutu (1, 1x1 evrişim verir)</translation>
    </message>
    <message>
        <source>Step between filter positions</source>
        <translation>Filtre konumları arasındaki adım</translation>
    </message>
    <message>
        <source>Padding added on each side; &apos;same&apos; keeps the size (stride 1), &apos;valid&apos; adds none</source>
        <translation>Her kenara eklenen dolgu; &apos;same&apos; boyutu korur (adım 1), &apos;valid&apos; hiç eklemez</translation>
    </message>
    <message>
        <source>Spacing between kernel elements</source>
        <translation>Çekirdek öğeleri arasındaki aralık</translation>
    </message>
    <message>
        <source>Split channels into groups (depthwise when = channels)</source>
        <translation>Kanalları gruplara böl (kanal sayısına eşitse derinlemesine)</translation>
    </message>
    <message>
        <source>What the padding holds: zeros, or the input reflected, replicated or wrapped around</source>
        <translation>Dolgunun içeriği: sıfırlar ya da yansıtılmış, kopyalanmış veya sarmalanmış girdi</translation>
    </message>
    <message>
        <source>1-D convolution over [channels, length].</source>
        <translation>[kanallar, uzunluk] üzerinde 1 boyutlu evrişim.</translation>
    </message>
    <message>
        <source>2-D convolution over [channels, height, width]; kernel 1 mixes channels only.</source>
        <translation>[kanallar, yükseklik, genişlik] üzerinde 2 boyutlu evrişim; çekirdek boyutu 1 ise yalnızca kanalları karıştırır.</translation>
    </message>
    <message>
        <source>Transposed 2-D convolution: grows [channels, height, width] (stride 2 doubles the size); a DCGAN generator&apos;s upsampling.</source>
        <translation>Devrik 2 boyutlu evrişim: [kanallar, yükseklik, genişlik] boyutunu büyütür (adım 2 boyutu ikiye katlar); bir DCGAN üreticisinin yukarı örneklemesi.</translation>
    </message>
    <message>
        <source>Filter size</source>
        <translation>Filtre boyutu</translation>
    </message>
    <message>
        <source>Step between filter positions in the output (2 doubles the size)</source>
        <translation>Çıktıdaki filtre konumları arasındaki adım (2 boyutu ikiye katlar)</translation>
    </message>
    <message>
        <source>Rows and columns cropped from each side of the output</source>
        <translation>Çıktının her kenarından kırpılan satır ve sütunlar</translation>
    </message>
    <message>
        <source>Extra rows and columns on one side (less than the stride)</source>
        <translation>Bir kenarda fazladan satır ve sütunlar (adımdan az)</translation>
    </message>
    <message>
        <source>Window size</source>
        <translation>Pencere boyutu</translation>
    </message>
    <message>
        <source>Step between windows (default: the window size)</source>
        <translation>Pencereler arasındaki adım (varsayılan: pencere boyutu)</translation>
    </message>
    <message>
        <source>Padding on each side (at most half the window)</source>
        <translation>Her kenardaki dolgu (en fazla pencerenin yarısı)</translation>
    </message>
    <message>
        <source>Spacing between window elements</source>
        <translation>Pencere öğeleri arasındaki aralık</translation>
    </message>
    <message>
        <source>Round the output size up: a last, partial window is kept</source>
        <translation>Çıktı boyutunu yukarı yuvarla: son, kısmi pencere tutulur</translation>
    </message>
    <message>
        <source>Count padded zeros in the average</source>
        <translation>Dolgu sıfırlarını ortalamaya kat</translation>
    </message>
    <message>
        <source>Divide the window&apos;s sum by this instead of its size</source>
        <translation>Pencerenin toplamını boyutu yerine bu sayıya böl</translation>
    </message>
    <message>
        <source>Maximum over sliding windows along the length.</source>
        <translation>Uzunluk boyunca kayan pencerelerde en büyük değer.</translation>
    </message>
    <message>
        <source>Maximum over sliding 2-D windows.</source>
        <translation>Kayan 2 boyutlu pencerelerde en büyük değer.</translation>
    </message>
    <message>
        <source>Average over sliding 2-D windows.</source>
        <translation>Kayan 2 boyutlu pencerelerde ortalama.</translation>
    </message>
    <message>
        <source>Averages each channel down to output_size (1: global average pooling).</source>
        <translation>Her kanalın ortalamasını alarak output_size boyutuna indirir (1: küresel ortalama havuzlama).</translation>
    </message>
    <message>
        <source>Output height and width</source>
        <translation>Çıktı yüksekliği ve genişliği</translation>
    </message>
    <message>
        <source>Added to the variance for stability</source>
        <translation>Kararlılık için varyansa eklenir</translation>
    </message>
    <message>
        <source>Running statistics update rate</source>
        <translation>Yürüyen istatistiklerin güncellenme oranı</translation>
    </message>
    <message>
        <source>Learn a scale and shift</source>
        <translation>Bir ölçek ve kaydırma öğren</translation>
    </message>
    <message>
        <source>Keep running statistics for evaluation (off: use the batch&apos;s)</source>
        <translation>Değerlendirme için yürüyen istatistikleri tut (kapalı: yığınınkileri kullan)</translation>
    </message>
    <message>
        <source>Normalises each feature over the batch.</source>
        <translation>Her özniteliği yığın üzerinde normalleştirir.</translation>
    </message>
    <message>
        <source>Normalises each channel over the batch and positions.</source>
        <translation>Her kanalı yığın ve konumlar üzerinde normalleştirir.</translation>
    </message>
    <message>
        <source>Normalises each sample over its last dim.</source>
        <translation>Her örneği son boyutu üzerinde normalleştirir.</translation>
    </message>
    <message>
        <source>The trailing dims to normalise over (default: the last dim)</source>
        <translation>Normalleştirmenin yapılacağı sondaki boyutlar (varsayılan: son boyut)</translation>
    </message>
    <message>
        <source>Learn the shift too (with elementwise_affine)</source>
        <translation>Kaydırmayı da öğren (elementwise_affine ile)</translation>
    </message>
    <message>
        <source>Normalises across neighbouring channels (AlexNet-style).</source>
        <translation>Komşu kanallar arasında normalleştirir (AlexNet tarzı).</translation>
    </message>
    <message>
        <source>Number of neighbouring channels</source>
        <translation>Komşu kanal sayısı</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Ölçek</translation>
    </message>
    <message>
        <source>Exponent</source>
        <translation>Üs</translation>
    </message>
    <message>
        <source>Additive constant</source>
        <translation>Eklenen sabit</translation>
    </message>
    <message>
        <source>max(0, x): cheap, keeps gradients alive for positive inputs.</source>
        <translation>max(0, x): ucuzdur, pozitif girdilerde gradyanları canlı tutar.</translation>
    </message>
    <message>
        <source>x for x &gt; 0, slope * x otherwise: no dead units.</source>
        <translation>x &gt; 0 için x, aksi halde slope * x: ölü birim olmaz.</translation>
    </message>
    <message>
        <source>Slope for negative inputs</source>
        <translation>Negatif girdiler için eğim</translation>
    </message>
    <message>
        <source>x for x &gt; 0, alpha * (exp(x) - 1) otherwise.</source>
        <translation>x &gt; 0 için x, aksi halde alpha * (exp(x) - 1).</translation>
    </message>
    <message>
        <source>Saturation value for negative inputs</source>
        <translation>Negatif girdiler için doyum değeri</translation>
    </message>
    <message>
        <source>Gaussian error linear unit, smooth ReLU used in transformers.</source>
        <translation>Gauss hata doğrusal birimi, transformer&apos;larda kullanılan yumuşak bir ReLU.</translation>
    </message>
    <message>
        <source>Exact or tanh approximation</source>
        <translation>Tam hesap ya da tanh yaklaşımı</translation>
    </message>
    <message>
        <source>1 / (1 + exp(-x)): squashes to (0, 1); saturates, so gradients vanish.</source>
        <translation>1 / (1 + exp(-x)): değerleri (0, 1) aralığına sıkıştırır; doyuma ulaşır, bu yüzden gradyanlar kaybolur.</translation>
    </message>
    <message>
        <source>Squashes to (-1, 1), zero-centred; saturates for large |x|.</source>
        <translation>Değerleri (-1, 1) aralığına sıkıştırır, sıfır merkezlidir; büyük |x| için doyuma ulaşır.</translation>
    </message>
    <message>
        <source>Turns scores into probabilities along dim (not before CrossEntropyLoss).</source>
        <translation>Skorları dim boyunca olasılıklara çevirir (CrossEntropyLoss&apos;tan önce kullanmayın).</translation>
    </message>
    <message>
        <source>Dim to normalise over (counted with the batch dim)</source>
        <translation>Normalleştirmenin yapılacağı boyut (yığın boyutuyla birlikte sayılır)</translation>
    </message>
    <message>
        <source>Size of the hidden state</source>
        <translation>Gizli durumun boyutu</translation>
    </message>
    <message>
        <source>Stacked recurrent layers</source>
        <translation>Üst üste yığılmış yinelemeli katmanlar</translation>
    </message>
    <message>
        <source>Output the last step [N, H] or the whole sequence [N, T, H]</source>
        <translation>Son adımı [N, H] ya da tüm diziyi [N, T, H] çıktı olarak ver</translation>
    </message>
    <message>
        <source>Also read the sequence backwards</source>
        <translation>Diziyi tersten de oku</translation>
    </message>
    <message>
        <source>Dropout between stacked layers</source>
        <translation>Yığılmış katmanlar arasında dropout</translation>
    </message>
    <message>
        <source>Learn biases</source>
        <translation>Sapmaları (bias) öğren</translation>
    </message>
    <message>
        <source>Always true here: tensors are [batch, time, features]</source>
        <translation>Burada her zaman true: tensörler [yığın, zaman, öznitelikler] biçimindedir</translation>
    </message>
    <message>
        <source>Activation of the cell</source>
        <translation>Hücrenin aktivasyonu</translation>
    </message>
    <message>
        <source>Project the hidden state down to this size (0: no projection)</source>
        <translation>Gizli durumu bu boyuta izdüşür (0: izdüşüm yok)</translation>
    </message>
    <message>
        <source>Elman recurrent layer over [time, features].</source>
        <translation>[zaman, öznitelikler] üzerinde Elman yinelemeli katmanı.</translation>
    </message>
    <message>
        <source>Long short-term memory: gated, keeps gradients over long sequences.</source>
        <translation>Uzun kısa süreli bellek: kapılıdır, uzun dizilerde gradyanları korur.</translation>
    </message>
    <message>
        <source>Gated recurrent unit: a lighter LSTM.</source>
        <translation>Kapılı yinelemeli birim: daha hafif bir LSTM.</translation>
    </message>
    <message>
        <source>Element-wise sum of 2+ inputs of equal shape: the residual merge.</source>
        <translation>Aynı şekildeki 2+ girdinin öğe öğe toplamı: artık (residual) birleştirme.</translation>
    </message>
    <message>
        <source>Joins 2+ inputs along dim (counted with the batch dim), in port order.</source>
        <translation>2+ girdiyi port sırasıyla dim boyunca birleştirir (yığın boyutuyla birlikte sayılır).</translation>
    </message>
    <message>
        <source>Dim to join along (1: channels or features)</source>
        <translation>Birleştirmenin yapılacağı boyut (1: kanallar ya da öznitelikler)</translation>
    </message>
    <message>
        <source>A VAE&apos;s sampling step: z = mu + exp(logvar / 2) * eps while training, mu in evaluation (mu at port 0, logvar at port 1).</source>
        <translation>Bir VAE&apos;nin örnekleme adımı: eğitimde z = mu + exp(logvar / 2) * eps, değerlendirmede mu (port 0&apos;da mu, port 1&apos;de logvar).</translation>
    </message>
    <message>
        <source>Linear needs a feature dimension, got a scalar per sample</source>
        <translation>Linear bir öznitelik boyutu ister, örnek başına bir skaler geldi</translation>
    </message>
    <message>
        <source>Linear expects [features] (or [time, features]), got {shape}: add a Flatten before it</source>
        <translation>Linear [öznitelikler] (ya da [zaman, öznitelikler]) bekler, gelen: {shape}: önüne bir Flatten ekleyin</translation>
    </message>
    <message>
        <source>{name} expects {layout} per sample, got {shape}</source>
        <translation>{name} örnek başına {layout} bekler, gelen: {shape}</translation>
    </message>
    <message>
        <source>{what}: kernel {kernel} (dilation {dilation}) does not fit an input of {size} with padding {padding}</source>
        <translation>{what}: {kernel} çekirdek (genişleme {dilation}), {padding} dolguyla {size} boyutlu bir girdiye sığmıyor</translation>
    </message>
    <message>
        <source>{name}: in ({channels}) and out ({out_channels}) channels must be divisible by groups ({groups})</source>
        <translation>{name}: giriş ({channels}) ve çıkış ({out_channels}) kanalları grup sayısına ({groups}) bölünebilmeli</translation>
    </message>
    <message>
        <source>{name}: padding &apos;same&apos; needs stride 1, got stride {stride}</source>
        <translation>{name}: &apos;same&apos; dolgu adım 1 ister, adım {stride}</translation>
    </message>
    <message>
        <source>{name}: padding_mode &apos;reflect&apos; needs padding ({pad}) smaller than the input ({size})</source>
        <translation>{name}: padding_mode &apos;reflect&apos; girdiden ({size}) küçük bir dolgu ({pad}) ister</translation>
    </message>
    <message>
        <source>{name}: padding_mode &apos;circular&apos; needs padding ({pad}) at most the input&apos;s size ({size})</source>
        <translation>{name}: padding_mode &apos;circular&apos; en fazla girdinin boyutu ({size}) kadar dolgu ({pad}) ister</translation>
    </message>
    <message>
        <source>ConvTranspose2d: output_padding ({e}) must be smaller than the stride ({st})</source>
        <translation>ConvTranspose2d: output_padding ({e}) adımdan ({st}) küçük olmalı</translation>
    </message>
    <message>
        <source>ConvTranspose2d {axis}: padding {p} crops away the whole output of an input of {size}</source>
        <translation>ConvTranspose2d {axis}: {p} dolgu, {size} boyutlu bir girdinin tüm çıktısını kırpıyor</translation>
    </message>
    <message>
        <source>{name}: padding ({p}) must be at most half the kernel size ({k})</source>
        <translation>{name}: dolgu ({p}) en fazla çekirdek boyutunun ({k}) yarısı olmalı</translation>
    </message>
    <message>
        <source>{name}: dim {dim} is out of range for {rank_with_batch}-d tensors (dim 0 is the batch)</source>
        <translation>{name}: {dim} boyutu {rank_with_batch} boyutlu tensörler için aralık dışında (boyut 0 yığındır)</translation>
    </message>
    <message>
        <source>Flatten: start_dim {start_dim} comes after end_dim {end_dim}</source>
        <translation>Flatten: start_dim {start_dim}, end_dim {end_dim} değerinden sonra geliyor</translation>
    </message>
    <message>
        <source>BatchNorm1d expects [features] or [channels, length], got {shape}</source>
        <translation>BatchNorm1d [öznitelikler] ya da [kanallar, uzunluk] bekler, gelen: {shape}</translation>
    </message>
    <message>
        <source>LayerNorm expects at least one dim per sample, got a scalar</source>
        <translation>LayerNorm örnek başına en az bir boyut bekler, bir skaler geldi</translation>
    </message>
    <message>
        <source>LayerNorm normalized_shape {dims} must be the trailing dims of the input {shape}</source>
        <translation>LayerNorm normalized_shape {dims}, girdinin {shape} sondaki boyutları olmalı</translation>
    </message>
    <message>
        <source>Embedding: padding_idx {padding_idx} must be within num_embeddings ({count})</source>
        <translation>Embedding: padding_idx {padding_idx}, num_embeddings ({count}) aralığında olmalı</translation>
    </message>
    <message>
        <source>{name}: proj_size ({proj_size}) must be smaller than hidden_size ({hidden_size})</source>
        <translation>{name}: proj_size ({proj_size}), hidden_size ({hidden_size}) değerinden küçük olmalı</translation>
    </message>
    <message>
        <source>Add needs inputs of equal shape, got {listed}</source>
        <translation>Add aynı şekilde girdiler ister, gelenler: {listed}</translation>
    </message>
    <message>
        <source>Reparameterize needs mu and logvar of equal shape [D], got {mu} and {logvar}</source>
        <translation>Reparameterize aynı [D] şeklinde mu ve logvar ister, gelenler: {mu} ve {logvar}</translation>
    </message>
    <message>
        <source>Concat along dim {dim} needs equal sizes elsewhere, got {listed}</source>
        <translation>{dim} boyutu boyunca Concat diğer boyutlarda eşit büyüklükler ister, gelenler: {listed}</translation>
    </message>
    <message>
        <source>Transpose: perm {perm} must order all {dims} dims 0..{last} of the input {shape} (the batch dim counted)</source>
        <translation>Transpose: perm {perm}, girdinin {shape} 0..{last} arasındaki {dims} boyutunun hepsini sıralamalı (yığın boyutu dahil)</translation>
    </message>
    <message>
        <source>Transpose: perm {perm} must keep the batch dim first (start with 0)</source>
        <translation>Transpose: perm {perm} yığın boyutunu başta tutmalı (0 ile başlamalı)</translation>
    </message>
    <message>
        <source>Reshape: cannot fit {size} values ({shape}) into {target}</source>
        <translation>Reshape: {size} değer ({shape}) {target} şekline sığdırılamıyor</translation>
    </message>
    <message>
        <source>Reshape: {target} holds {known} values, the input {shape} has {size}</source>
        <translation>Reshape: {target} {known} değer tutar, {shape} girdisinde {size} değer var</translation>
    </message>
    <message>
        <source>training.loss {loss}: the dataset &apos;{dataset}&apos; is a regression task; use MSELoss, L1Loss or HuberLoss</source>
        <translation>training.loss {loss}: &apos;{dataset}&apos; veri kümesi bir regresyon görevi; MSELoss, L1Loss ya da HuberLoss kullanın</translation>
    </message>
    <message>
        <source>training.loss {loss}: the model outputs {shape} per sample but the targets are {targets}: make &apos;{source}&apos; output {targets}</source>
        <translation>training.loss {loss}: model örnek başına {shape} veriyor ama hedefler {targets}: &apos;{source}&apos; çıktısını {targets} yapın</translation>
    </message>
    <message>
        <source>one score per class ({classes})</source>
        <translation>sınıf başına bir skor ({classes})</translation>
    </message>
    <message>
        <source>training.loss {loss}: the model outputs {shape} per sample; with {classes} classes it needs [1] (one logit) or [{classes}] (one per class): change &apos;{source}&apos;</source>
        <translation>training.loss {loss}: model örnek başına {shape} veriyor; {classes} sınıfla [1] (tek logit) ya da [{classes}] (sınıf başına bir) gerekir: &apos;{source}&apos; düğümünü değiştirin</translation>
    </message>
    <message>
        <source>training.loss {loss}: the model outputs {shape} per sample; with {classes} classes it needs [{classes}] (one per class): change &apos;{source}&apos;</source>
        <translation>training.loss {loss}: model örnek başına {shape} veriyor; {classes} sınıfla [{classes}] (sınıf başına bir) gerekir: &apos;{source}&apos; düğümünü değiştirin</translation>
    </message>
    <message>
        <source>one value per class ({classes}, one-hot targets)</source>
        <translation>sınıf başına bir değer ({classes}, one-hot hedefler)</translation>
    </message>
    <message>
        <source>training.loss {loss}: the model outputs {shape} per sample but needs {wanted}, {what}: change &apos;{source}&apos;</source>
        <translation>training.loss {loss}: model örnek başına {shape} veriyor ama {wanted} gerekir, {what}: &apos;{source}&apos; düğümünü değiştirin</translation>
    </message>
    <message>
        <source>&apos;augment&apos; must be an object such as {{&quot;hflip&quot;: true}}, got {value!r}</source>
        <translation>&apos;augment&apos; {{&quot;hflip&quot;: true}} gibi bir nesne olmalı, alınan: {value!r}</translation>
    </message>
    <message>
        <source>augment: {problems}</source>
        <translation>augment: {problems}</translation>
    </message>
    <message>
        <source>features</source>
        <translation>öznitelikler</translation>
    </message>
    <message>
        <source>sequences</source>
        <translation>diziler</translation>
    </message>
    <message>
        <source>&apos;augment&apos; applies to image datasets only; &apos;{dataset}&apos; holds {what}</source>
        <translation>&apos;augment&apos; yalnızca görüntü veri kümelerine uygulanır; &apos;{dataset}&apos; {what} içeriyor</translation>
    </message>
    <message>
        <source>{what} needs about {size} ({why}), more than the {limit} limit for one dataset: ask for less (fewer samples, a smaller size), or raise the limit with the environment variable {variable}</source>
        <extracomment>the most bytes one dataset may take, unless ``DLPLAYGROUND_MAX_DATA_BYTES`` says otherwise</extracomment>
        <translation>{what} yaklaşık {size} gerektiriyor ({why}), bir veri kümesi için {limit} sınırından fazla: daha azını isteyin (daha az örnek, daha küçük boyut) ya da sınırı {variable} ortam değişkeniyle yükseltin</translation>
    </message>
    <message>
        <source>{what} needs about {size}, more than the {limit} limit for one dataset: ask for less (fewer samples, a smaller size), or raise the limit with the environment variable {variable}</source>
        <translation>{what} yaklaşık {size} gerektiriyor, bir veri kümesi için {limit} sınırından fazla: daha azını isteyin (daha az örnek, daha küçük boyut) ya da sınırı {variable} ortam değişkeniyle yükseltin</translation>
    </message>
    <message>
        <source>cifar10: {folder} (or its {subfolder}/) lacks {missing} (set &quot;download&quot;: true to fetch them)</source>
        <extracomment>the binary version&apos;s archive and its MD5 as published on https://www.cs.toronto.edu/~kriz/cifar.html</extracomment>
        <translation>cifar10: {folder} (ya da içindeki {subfolder}/) klasöründe eksik: {missing} (indirmek için &quot;download&quot;: true yapın)</translation>
    </message>
    <message>
        <source>{archive}: cannot extract: {why}</source>
        <translation>{archive}: açılamıyor: {why}</translation>
    </message>
    <message>
        <source>{archive}: the archive lacks {missing}</source>
        <translation>{archive}: arşivde eksik: {missing}</translation>
    </message>
    <message>
        <source>{path}: {size} bytes is not a whole number of {record}-byte CIFAR-10 records (label + 3x32x32 pixels): not the binary version, or a truncated file</source>
        <translation>{path}: {size} bayt, {record} baytlık CIFAR-10 kayıtlarının (etiket + 3x32x32 piksel) tam katı değil: ikili sürüm değil ya da kesik bir dosya</translation>
    </message>
    <message>
        <source>{count} images x 3 x 32 x 32 bytes</source>
        <translation>{count} görüntü x 3 x 32 x 32 bayt</translation>
    </message>
    <message>
        <source>&apos;val_split&apos; must be in [0, 1), got {value!r}</source>
        <extracomment>how the per-sample axes are laid out, which decides the axis standardisation keeps: ``features`` [F] per feature, ``image`` [C, H, W] per channel, ``sequence`` [T, F] per feature. whether inputs should be standardised (token ids for an Embedding must not be) token-id sets (``text``): ids run 0..vocab_size-1, so an Embedding needs that many rows the words of ids 2, 3, ... (0 pads, 1 is an unknown word) ``data.augment`` for training batches (a :class:`dlplayground.data.augment.Augment`) the data seed, which also seeds the augmentation draws the raw (unstandardised) training split is kept beside the standardised one up to this size</extracomment>
        <translation>&apos;val_split&apos; [0, 1) aralığında olmalı, alınan: {value!r}</translation>
    </message>
    <message>
        <source>&apos;val_split&apos; {value} leaves no training samples out of {count}</source>
        <translation>&apos;val_split&apos; {value}, {count} örnekten hiç eğitim örneği bırakmıyor</translation>
    </message>
    <message>
        <source>k-fold cross-validation needs at least 2 folds, got {folds!r}</source>
        <translation>k-katlı çapraz doğrulama en az 2 kat gerektirir, alınan: {folds!r}</translation>
    </message>
    <message>
        <source>{folds} folds need at least {folds} samples, the dataset has {count}</source>
        <translation>{folds} kat en az {folds} örnek gerektirir, veri kümesinde {count} örnek var</translation>
    </message>
    <message>
        <source>inputs and targets differ in length: {inputs} inputs, {targets} targets</source>
        <translation>girdiler ve hedefler farklı uzunlukta: {inputs} girdi, {targets} hedef</translation>
    </message>
    <message>
        <source>needs at least 2 samples, got {count}</source>
        <translation>en az 2 örnek gerekli, alınan: {count}</translation>
    </message>
    <message>
        <source>inputs hold NaN or infinite values (rows {rows}...)</source>
        <translation>girdilerde NaN ya da sonsuz değerler var (satırlar {rows}...)</translation>
    </message>
    <message>
        <source>{url}: checksum {digest} does not match the published {md5}</source>
        <extracomment>called with (file name, bytes done, total bytes or None) as a download proceeds makes the reporter of one dataset&apos;s downloads (None: report nothing)</extracomment>
        <translation>{url}: {digest} sağlama toplamı yayımlanan {md5} ile eşleşmiyor</translation>
    </message>
    <message>
        <source>cannot download {name} into {folder} (no network, or the server refused):
  {failures}
put the file there yourself, or set &quot;download&quot;: false and point &apos;path&apos; at a copy</source>
        <translation>{name}, {folder} klasörüne indirilemiyor (ağ yok ya da sunucu reddetti):
  {failures}
dosyayı oraya kendiniz koyun ya da &quot;download&quot;: false yapıp &apos;path&apos; ile bir kopyasını gösterin</translation>
    </message>
    <message>
        <source>{url}: the server answered HTTP {code} {reason}</source>
        <translation>{url}: sunucu HTTP {code} {reason} yanıtını verdi</translation>
    </message>
    <message>
        <source>{url}: the host name cannot be looked up (no network?)</source>
        <translation>{url}: sunucu adı çözülemiyor (ağ yok mu?)</translation>
    </message>
    <message>
        <source>{url}: the server refused the connection</source>
        <translation>{url}: sunucu bağlantıyı reddetti</translation>
    </message>
    <message>
        <source>{url}: no answer within {seconds} s</source>
        <translation>{url}: {seconds} sn içinde yanıt yok</translation>
    </message>
    <message>
        <source>{url}: {reason}</source>
        <translation>{url}: {reason}</translation>
    </message>
    <message>
        <source>the data path {path} holds a NUL character: no file has such a name</source>
        <extracomment>a numeric target with at most this many distinct integer values is taken as class labels</extracomment>
        <translation>{path} veri yolu bir NUL karakteri içeriyor: hiçbir dosyanın adı böyle olamaz</translation>
    </message>
    <message>
        <source>the data path {path} names a home folder of an unknown user</source>
        <translation>{path} veri yolu bilinmeyen bir kullanıcının ev klasörünü gösteriyor</translation>
    </message>
    <message>
        <source>{path} is a symbolic link loop (it resolves to itself), not a file</source>
        <translation>{path} bir sembolik bağlantı döngüsü (kendisine çıkıyor), dosya değil</translation>
    </message>
    <message>
        <source>{path} is a broken symbolic link (to {target}), not a file</source>
        <translation>{path} bozuk bir sembolik bağlantı ({target} hedefine), dosya değil</translation>
    </message>
    <message>
        <source>file not found: {path}</source>
        <translation>dosya bulunamadı: {path}</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({why})</source>
        <translation>{path}: okunamıyor ({why})</translation>
    </message>
    <message>
        <source>{path} is a folder, not a data file</source>
        <translation>{path} bir klasör, veri dosyası değil</translation>
    </message>
    <message>
        <source>{path} is not a regular file (a pipe, socket or device)</source>
        <translation>{path} normal bir dosya değil (bir boru, soket ya da aygıt)</translation>
    </message>
    <message>
        <source>&apos;delimiter&apos; must be one character other than a quote or a line break, got {value}</source>
        <translation>&apos;delimiter&apos; tırnak ya da satır sonu dışında tek bir karakter olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>{path}: cannot read as CSV: {why}</source>
        <extracomment>class name -&gt; (training count, validation count); empty for regression uint8 [K, C, H, W] samples of an image set (C 1 or 3), with their label names a CSV&apos;s header and first rows</extracomment>
        <translation>{path}: CSV olarak okunamıyor: {why}</translation>
    </message>
    <message>
        <source>{path}: no target column {target} (columns: {columns})</source>
        <translation>{path}: {target} hedef sütunu yok (sütunlar: {columns})</translation>
    </message>
    <message>
        <source>{path}: no input columns besides the target {target}</source>
        <translation>{path}: {target} hedefinin dışında girdi sütunu yok</translation>
    </message>
    <message>
        <source>{lines} lines x {columns} columns, 12 bytes per cell while reading</source>
        <translation>{lines} satır x {columns} sütun, okuma sırasında hücre başına 12 bayt</translation>
    </message>
    <message>
        <source>{path}: column {column}</source>
        <translation>{path}: {column} sütunu</translation>
    </message>
    <message>
        <source>{path}: needs a header row and at least one data row</source>
        <translation>{path}: bir başlık satırı ve en az bir veri satırı gerekli</translation>
    </message>
    <message>
        <source>{path}: line {line} has {cells} cells, the header has {columns}</source>
        <translation>{path}: {line}. satırda {cells} hücre var, başlıkta {columns}</translation>
    </message>
    <message>
        <source>{path}: line {line}, column {column}: {value} is not a number</source>
        <translation>{path}: {line}. satır, {column} sütunu: {value} bir sayı değil</translation>
    </message>
    <message>
        <source>{path}: lacks array(s) {missing} (has: {present})</source>
        <translation>{path}: eksik dizi(ler): {missing} (olanlar: {present})</translation>
    </message>
    <message>
        <source>{path}: array {key} holds Python objects ({dtype}): not a readable .npz archive of numeric arrays (it is never unpickled)</source>
        <translation>{path}: {key} dizisi Python nesneleri içeriyor ({dtype}): okunabilir bir sayısal diziler .npz arşivi değil (pickle hiçbir zaman açılmaz)</translation>
    </message>
    <message>
        <source>{path}: array {key} is a single value (0-d); it must hold one entry per sample</source>
        <translation>{path}: {key} dizisi tek bir değer (0 boyutlu); her örnek için bir öğe içermeli</translation>
    </message>
    <message>
        <source>x {x_shape} of {x_dtype}, y {y_shape} of {y_dtype}, read and converted to float32</source>
        <translation>{x_dtype} türünde x {x_shape}, {y_dtype} türünde y {y_shape}, okunup float32&apos;ye dönüştürülürken</translation>
    </message>
    <message>
        <source>{path}: not a readable .npz archive of numeric arrays: {why}</source>
        <translation>{path}: okunabilir bir sayısal diziler .npz arşivi değil: {why}</translation>
    </message>
    <message>
        <source>{path}: arrays must be numeric (x is {x_dtype}, y is {y_dtype})</source>
        <translation>{path}: diziler sayısal olmalı (x: {x_dtype}, y: {y_dtype})</translation>
    </message>
    <message>
        <source>{path}: x has {x_count} samples but y has {y_count}</source>
        <translation>{path}: x&apos;te {x_count} örnek var ama y&apos;de {y_count}</translation>
    </message>
    <message>
        <source>{path}: classification needs y of shape [N] (class labels), got {shape}</source>
        <translation>{path}: sınıflandırma [N] biçiminde bir y (sınıf etiketleri) gerektirir, alınan: {shape}</translation>
    </message>
    <message>
        <source>{path}: y of shape {shape} must be numeric (regression targets)</source>
        <translation>{path}: {shape} biçimindeki y sayısal olmalı (regresyon hedefleri)</translation>
    </message>
    <message>
        <source>{where}: {value} is not a number (needed for regression)</source>
        <translation>{where}: {value} bir sayı değil (regresyon için gerekli)</translation>
    </message>
    <message>
        <source>{where}: holds NaN or infinite values</source>
        <translation>{where}: NaN ya da sonsuz değerler içeriyor</translation>
    </message>
    <message>
        <source>{where}: classification needs at least 2 classes, found {count}</source>
        <translation>{where}: sınıflandırma en az 2 sınıf gerektirir, bulunan: {count}</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>yok</translation>
    </message>
    <message>
        <source>{path}: not an IDX file of unsigned bytes with {ndim} dimension(s) (magic number {magic}, expected 0000080{ndim})</source>
        <translation>{path}: {ndim} boyutlu, işaretsiz baytlardan oluşan bir IDX dosyası değil (sihirli sayı {magic}, beklenen 0000080{ndim})</translation>
    </message>
    <message>
        <source>{path}: truncated IDX header</source>
        <translation>{path}: IDX başlığı kesik</translation>
    </message>
    <message>
        <source>{shape} uint8 values</source>
        <translation>{shape} uint8 değer</translation>
    </message>
    <message>
        <source>{path}: truncated: the header announces {sizes} values, the file holds {got} of the {needed} needed</source>
        <translation>{path}: kesik: başlık {sizes} değer bildiriyor, dosyada gereken {needed} değerin {got} tanesi var</translation>
    </message>
    <message>
        <source>{path}: cannot read: {why}</source>
        <translation>{path}: okunamıyor: {why}</translation>
    </message>
    <message>
        <source>{name}: {folder} lacks {missing} (plain or .gz)</source>
        <translation>{name}: {folder} klasöründe eksik: {missing} (düz ya da .gz)</translation>
    </message>
    <message>
        <source>{name}: {folder} lacks {missing} (plain or .gz) (set &quot;download&quot;: true to fetch them)</source>
        <translation>{name}: {folder} klasöründe eksik: {missing} (düz ya da .gz) (indirmek için &quot;download&quot;: true yapın)</translation>
    </message>
    <message>
        <source>{name}: {images_file} holds {images} images but {labels_file} {labels} labels</source>
        <translation>{name}: {images_file} dosyasında {images} görüntü var ama {labels_file} dosyasında {labels} etiket</translation>
    </message>
    <message>
        <source>image_folder: {root} is not a folder</source>
        <extracomment>Pillow modes that hold a single grey channel</extracomment>
        <translation>image_folder: {root} bir klasör değil</translation>
    </message>
    <message>
        <source>image_folder: class folder {folder} holds no images ({suffixes})</source>
        <translation>image_folder: {folder} sınıf klasöründe görüntü yok ({suffixes})</translation>
    </message>
    <message>
        <source>image_folder: {root} needs one subfolder per class, at least 2 (found {count})</source>
        <translation>image_folder: {root} her sınıf için bir alt klasör gerektirir, en az 2 (bulunan: {count})</translation>
    </message>
    <message>
        <source>image_folder: no image under {root} can be decoded</source>
        <translation>image_folder: {root} altındaki hiçbir görüntü çözülemiyor</translation>
    </message>
    <message>
        <source>image_folder: cannot decode {path} (and {more} more): fix or remove it, or set &quot;skip_bad&quot;: true to leave such files out</source>
        <translation>image_folder: {path} çözülemiyor (ve {more} dosya daha): düzeltin ya da kaldırın, veya bu tür dosyaları dışarıda bırakmak için &quot;skip_bad&quot;: true yapın</translation>
    </message>
    <message>
        <source>image_folder: cannot decode {path}: fix or remove it, or set &quot;skip_bad&quot;: true to leave such files out</source>
        <translation>image_folder: {path} çözülemiyor: düzeltin ya da kaldırın, veya bu tür dosyaları dışarıda bırakmak için &quot;skip_bad&quot;: true yapın</translation>
    </message>
    <message>
        <source>{count} images x {channels} x {height} x {width} bytes</source>
        <translation>{count} görüntü x {channels} x {height} x {width} bayt</translation>
    </message>
    <message>
        <source>image_folder: cannot decode {path}: {why}</source>
        <translation>image_folder: {path} çözülemiyor: {why}</translation>
    </message>
    <message>
        <source>folder not found: {folder} (set &quot;download&quot;: true to fetch the files)</source>
        <extracomment>(sample shape, class names) from the options and folder names alone, or None: load to know</extracomment>
        <translation>klasör bulunamadı: {folder} (dosyaları indirmek için &quot;download&quot;: true yapın)</translation>
    </message>
    <message>
        <source>folder not found: {folder}</source>
        <translation>klasör bulunamadı: {folder}</translation>
    </message>
    <message>
        <source>image_folder: &apos;size&apos; must be [H, W] with positive sides, got {size}</source>
        <translation>image_folder: &apos;size&apos; kenarları pozitif bir [H, W] olmalı, alınan: {size}</translation>
    </message>
    <message>
        <source>the &apos;data&apos; section must be an object, got {value}</source>
        <extracomment>per-sample target shape of a built-in regression set builds the split dataset itself from (options, base folder, val_split, seed): the real data sets, which split before standardising (uint8 images) or building a vocabulary (text) a real set&apos;s (sample shape, class names) without loading it, None where it must be loaded whether ``&quot;val_split&quot;: &quot;test&quot;`` is accepted (an official test split exists) the per-sample target shape of a regression set (() for classification) what a project without a ``data`` section trains on</extracomment>
        <translation>&apos;data&apos; bölümü bir nesne olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>unknown dataset {name} (known: {known})</source>
        <translation>bilinmeyen veri kümesi {name} (bilinenler: {known})</translation>
    </message>
    <message>
        <source>&apos;params&apos; must be an object, got {value}</source>
        <translation>&apos;params&apos; bir nesne olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>dataset &apos;{name}&apos;: {problems}</source>
        <translation>veri kümesi &apos;{name}&apos;: {problems}</translation>
    </message>
    <message>
        <source>&apos;val_split&apos;: &apos;test&apos; needs a dataset with an official test split ({known}); &apos;{name}&apos; has none</source>
        <translation>&apos;val_split&apos;: &apos;test&apos; resmî bir test bölümü olan bir veri kümesi gerektirir ({known}); &apos;{name}&apos; veri kümesinde yok</translation>
    </message>
    <message>
        <source>&apos;val_split&apos; must be a number in [0, 1), got {value}</source>
        <translation>&apos;val_split&apos; [0, 1) aralığında bir sayı olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>&apos;seed&apos; must be an integer from 0 to {limit}, got {value}</source>
        <translation>&apos;seed&apos; 0 ile {limit} arasında bir tamsayı olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>dataset &apos;{name}&apos;</source>
        <translation>&apos;{name}&apos; veri kümesi</translation>
    </message>
    <message>
        <source>{count} images of {size} x {size} pixels, about 24 bytes per pixel while generating and splitting</source>
        <translation>{size} x {size} piksellik {count} görüntü, üretme ve bölme sırasında piksel başına yaklaşık 24 bayt</translation>
    </message>
    <message>
        <source>{count} windows of {steps} steps, about 44 bytes per step while generating and splitting</source>
        <translation>{steps} adımlık {count} pencere, üretme ve bölme sırasında adım başına yaklaşık 44 bayt</translation>
    </message>
    <message>
        <source>none</source>
        <extracomment>rows encoded at once (bounds the index arrays of a chunk)</extracomment>
        <translation>yok</translation>
    </message>
    <message>
        <source>{path}: no column &apos;{column}&apos; (columns: {columns})</source>
        <translation>{path}: &apos;{column}&apos; sütunu yok (sütunlar: {columns})</translation>
    </message>
    <message>
        <source>{path}: line {line} has {cells} cells, the header has {columns} (quote cells that hold the delimiter)</source>
        <translation>{path}: {line}. satırda {cells} hücre var, başlıkta {columns} (ayırıcıyı içeren hücreleri tırnak içine alın)</translation>
    </message>
    <message>
        <source>{path}: line {line}, column &apos;{column}&apos; is empty</source>
        <translation>{path}: {line}. satır, &apos;{column}&apos; sütunu boş</translation>
    </message>
    <message>
        <source>text: &apos;val_split&apos;: &apos;test&apos; is for datasets with an official test split; give a fraction</source>
        <translation>text: &apos;val_split&apos;: &apos;test&apos; resmî test bölümü olan veri kümeleri içindir; bir oran verin</translation>
    </message>
    <message>
        <source>{path}: needs a header row and at least 2 data rows</source>
        <translation>{path}: bir başlık satırı ve en az 2 veri satırı gerekli</translation>
    </message>
    <message>
        <source>{path}: classification needs at least 2 classes in &apos;{column}&apos;, found {count}</source>
        <translation>{path}: sınıflandırma &apos;{column}&apos; sütununda en az 2 sınıf gerektirir, bulunan: {count}</translation>
    </message>
    <message>
        <source>{count} texts x {length} token ids x 8 bytes</source>
        <translation>{count} metin x {length} belirteç kimliği x 8 bayt</translation>
    </message>
    <message>
        <source>{path}: the text column &apos;{column}&apos; is empty: no row holds a word</source>
        <translation>{path}: &apos;{column}&apos; metin sütunu boş: hiçbir satırda sözcük yok</translation>
    </message>
    <message>
        <source>a float32 copy of {count} images</source>
        <extracomment>images standardised at once when statistics are computed or the whole set is materialised</extracomment>
        <translation>{count} görüntünün float32 kopyası</translation>
    </message>
    <message>
        <source>4 bytes per pixel</source>
        <translation>piksel başına 4 bayt</translation>
    </message>
    <message>
        <source>{name}: {images} images but {labels} labels</source>
        <translation>{name}: {images} görüntü ama {labels} etiket</translation>
    </message>
    <message>
        <source>{name}: &apos;val_split&apos;: &apos;test&apos; needs an official test split</source>
        <translation>{name}: &apos;val_split&apos;: &apos;test&apos; resmî bir test bölümü gerektirir</translation>
    </message>
    <message>
        <source>{name} (test split)</source>
        <translation>{name} (test bölümü)</translation>
    </message>
    <message>
        <source>{name}: no training samples</source>
        <translation>{name}: eğitim örneği yok</translation>
    </message>
    <message>
        <source>{where}: label {label} at sample {sample} is outside the class range 0..{last} ({count} such labels)</source>
        <translation>{where}: {sample}. örnekteki {label} etiketi 0..{last} sınıf aralığının dışında (bu tür {count} etiket)</translation>
    </message>
    <message>
        <source>the download of {name} was cancelled (the part already fetched is kept and resumed next time)</source>
        <extracomment>the progress bar counts in these units, so files over 2 GiB still fit Qt&apos;s int range</extracomment>
        <translation>{name} indirmesi iptal edildi (indirilmiş kısım saklanır ve bir dahaki sefere kaldığı yerden sürer)</translation>
    </message>
    <message>
        <source>data: {problem}</source>
        <extracomment>the project&apos;s own graph (a GAN&apos;s generator) the canvas now shows the other network of a GAN (``graph`` or ``discriminator``) every training run of this window&apos;s session (the views that list or use runs read it) the network the canvas edits: ``graph`` (a GAN&apos;s generator) or ``discriminator``</extracomment>
        <translation>veri: {problem}</translation>
    </message>
    <message>
        <source>training: must be an object, got {section!r}</source>
        <extracomment>schedulers stepped after every batch rather than every epoch schedulers stepped after every epoch with the monitored loss (validation, else training) what a missing top-level key of the section stands for (the schema&apos;s defaults) weights to start from: a run folder or a .safetensors file (relative to the project) ``supervised`` or a generative objective (see :data:`OBJECTIVES`) a VAE&apos;s weight of the KL term a GAN&apos;s noise size (None: the generator Input&apos;s ``shape``) a GAN discriminator&apos;s optimiser and its arguments (None: the generator&apos;s settings)</extracomment>
        <translation>training: bir nesne olmalı, alınan: {section!r}</translation>
    </message>
    <message>
        <source>training.device: must be {devices} or {last}, got {device!r}</source>
        <translation>training.device: {devices} ya da {last} olmalı, alınan: {device!r}</translation>
    </message>
    <message>
        <source>training.init: must be the path of a run folder or a .safetensors file, got {init!r}</source>
        <translation>training.init: bir çalıştırma klasörünün ya da bir .safetensors dosyasının yolu olmalı, alınan: {init!r}</translation>
    </message>
    <message>
        <source>training.kl_weight: must be a finite number &gt;= 0, got {value}</source>
        <translation>training.kl_weight: &gt;= 0 sonlu bir sayı olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>training.loss: the {objective} objective compares its output with its input: use one of {losses}, not {loss!r}</source>
        <translation>training.loss: {objective} amacı çıktısını girdisiyle karşılaştırır: {loss!r} yerine {losses} kayıplarından birini kullanın</translation>
    </message>
    <message>
        <source>training.loss: unknown loss {loss!r} (known: {known})</source>
        <translation>training.loss: bilinmeyen kayıp {loss!r} (bilinenler: {known})</translation>
    </message>
    <message>
        <source>{where}: must be an object (its &apos;type&apos; and options), got {optimizer!r}</source>
        <translation>{where}: bir nesne olmalı (&apos;type&apos; alanı ve seçenekleri), alınan: {optimizer!r}</translation>
    </message>
    <message>
        <source>{where}.type: unknown optimiser {type!r} (known: {known})</source>
        <translation>{where}.type: bilinmeyen optimizasyon algoritması {type!r} (bilinenler: {known})</translation>
    </message>
    <message>
        <source>{words} or &quot;{word}&quot;</source>
        <translation>{words} ya da &quot;{word}&quot;</translation>
    </message>
    <message>
        <source>{where}: must be a positive integer{words}, got {value}</source>
        <translation>{where}: pozitif bir tamsayı{words} olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>{where}: must be an integer{words}, got {value}</source>
        <translation>{where}: bir tamsayı{words} olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>{where}: must be at least {minimum:g}, got {value}</source>
        <translation>{where}: en az {minimum:g} olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>{where}: must be at most {maximum:g}, got {value:.3g}</source>
        <translation>{where}: en çok {maximum:g} olmalı, alınan: {value:.3g}</translation>
    </message>
    <message>
        <source>{where}: must be {phrase}, got {value}</source>
        <translation>{where}: {phrase} olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>{where}: must be true or false, got {value}</source>
        <translation>{where}: true ya da false olmalı, alınan: {value}</translation>
    </message>
    <message>
        <source>{where}: must be one of {choices}, got {value}</source>
        <translation>{where}: şunlardan biri olmalı: {choices}; alınan: {value}</translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <translation>{where}: {problem}</translation>
    </message>
    <message>
        <source>a finite number</source>
        <translation>sonlu bir sayı</translation>
    </message>
    <message>
        <source>a positive number (finite)</source>
        <translation>pozitif bir sayı (sonlu)</translation>
    </message>
    <message>
        <source>a number &gt; {minimum:g}</source>
        <translation>&gt; {minimum:g} bir sayı</translation>
    </message>
    <message>
        <source>a number &gt;= {minimum:g}</source>
        <translation>&gt;= {minimum:g} bir sayı</translation>
    </message>
    <message>
        <source>{phrase} and &lt;= {maximum:g}</source>
        <translation>{phrase} ve &lt;= {maximum:g}</translation>
    </message>
    <message>
        <source>{where}.{key}: must be a number, got NaN</source>
        <translation>{where}.{key}: bir sayı olmalı, alınan: NaN</translation>
    </message>
    <message>
        <source>training.scheduler: must be an object with a &apos;type&apos;, got {raw!r}</source>
        <translation>training.scheduler: &apos;type&apos; alanı olan bir nesne olmalı, alınan: {raw!r}</translation>
    </message>
    <message>
        <source>training.scheduler.type: {name!r} is not a torch.optim.lr_scheduler class</source>
        <translation>training.scheduler.type: {name!r} bir torch.optim.lr_scheduler sınıfı değil</translation>
    </message>
    <message>
        <source>training.early_stopping: must be an object, got {raw!r}</source>
        <translation>training.early_stopping: bir nesne olmalı, alınan: {raw!r}</translation>
    </message>
    <message>
        <source>training.early_stopping: unknown key {key!r}; did you mean {close!r}?</source>
        <translation>training.early_stopping: bilinmeyen anahtar {key!r}; {close!r} mı demek istediniz?</translation>
    </message>
    <message>
        <source>{where}: {class_name} takes no argument(s) {unknown} (it takes: {accepted})</source>
        <translation>{where}: {class_name} şu argüman(lar)ı almaz: {unknown} (aldıkları: {accepted})</translation>
    </message>
    <message>
        <source>device &apos;cuda&apos; was asked for, but torch finds no CUDA GPU here (torch.cuda.is_available() is False): use --device cpu or auto</source>
        <extracomment>the environment torchrun gives each process it starts how long a collective waits for a silent rank before giving up (a dead rank is noticed at once: its sockets close; this is for one that hangs)</extracomment>
        <translation>&apos;cuda&apos; aygıtı istendi, ancak torch burada CUDA GPU bulamıyor (torch.cuda.is_available() False): --device cpu ya da auto kullanın</translation>
    </message>
    <message>
        <source>device &apos;mps&apos; was asked for, but this machine has no Apple-silicon GPU that torch can use (torch.backends.mps.is_available() is False): use --device cpu or auto</source>
        <translation>&apos;mps&apos; aygıtı istendi, ancak bu makinede torch&apos;un kullanabileceği bir Apple-silicon GPU yok (torch.backends.mps.is_available() False): --device cpu ya da auto kullanın</translation>
    </message>
    <message>
        <source>{where}: {name}: {error}</source>
        <extracomment>the profiler hook that ``Optimizer.__init__`` puts around a class&apos;s ``step`` (kept: it runs step hooks); a class already instantiated once has it around torch&apos;s own step too whether any profiler records (torch&apos;s own check, in C++: it sees every kind of profiler) torch&apos;s step hooks for every optimiser (``register_optimizer_step_pre_hook``); absent from a torch that keeps them elsewhere, which then gets the plain class</extracomment>
        <translation>{where}: {name}: {error}</translation>
    </message>
    <message>
        <source>stopped early at epoch {epoch}: {monitor} has not improved for {patience} epochs (best at epoch {best})</source>
        <translation>{epoch}. epokta erken durduruldu: {monitor} {patience} epoktur iyileşmedi (en iyisi {best}. epokta)</translation>
    </message>
    <message>
        <source>{message}; the best weights were restored</source>
        <translation>{message}; en iyi ağırlıklar geri yüklendi</translation>
    </message>
    <message>
        <source>the weights of the end of epoch {epoch} were kept</source>
        <translation>{epoch}. epokun sonundaki ağırlıklar korundu</translation>
    </message>
    <message>
        <source>the weights from before training were kept</source>
        <translation>eğitimden önceki ağırlıklar korundu</translation>
    </message>
    <message>
        <source>the loss became {loss} at epoch {epoch}, step {step}: training stopped (a learning rate of {lr:g} may be too high); {kept}</source>
        <translation>kayıp {epoch}. epokun {step}. adımında {loss} oldu: eğitim durduruldu ({lr:g} öğrenme oranı fazla yüksek olabilir); {kept}</translation>
    </message>
    <message>
        <source>training.scheduler: {name}: {error}</source>
        <translation>training.scheduler: {name}: {error}</translation>
    </message>
    <message>
        <source>training.init: {path}: no such weights file (a run folder or a .safetensors file)</source>
        <translation>training.init: {path}: böyle bir ağırlık dosyası yok (bir çalıştırma klasörü ya da bir .safetensors dosyası)</translation>
    </message>
    <message>
        <source>training.init: {path}: not a readable safetensors file ({error})</source>
        <translation>training.init: {path}: okunabilir bir safetensors dosyası değil ({error})</translation>
    </message>
    <message>
        <source>training.init: {path}: {error}</source>
        <translation>training.init: {path}: {error}</translation>
    </message>
    <message>
        <source>training on several processes supports one network trained on a loss; {objective} trains in one process only</source>
        <translation>birden çok süreçle eğitim, bir kayıpla eğitilen tek bir ağı destekler; {objective} yalnızca tek süreçte eğitilir</translation>
    </message>
    <message>
        <source>could not write the run folder {folder}: {error}</source>
        <extracomment>the loss of the run&apos;s first step</extracomment>
        <translation>çalıştırma klasörü {folder} yazılamadı: {error}</translation>
    </message>
    <message>
        <source>graph: every parametrised node is frozen (&quot;trainable&quot;: false): nothing to train</source>
        <extracomment>a GAN&apos;s discriminator (``model`` is then the generator); None for other objectives a VAE&apos;s Reparameterize node and the nodes feeding mu and logvar</extracomment>
        <translation>graph: parametreli her düğüm dondurulmuş (&quot;trainable&quot;: false): eğitilecek bir şey yok</translation>
    </message>
    <message>
        <source>node &apos;{node}&apos; (Embedding) takes token ids 0..{last}, but the inputs</source>
        <translation>&apos;{node}&apos; düğümü (Embedding) 0..{last} arası belirteç kimlikleri alır, ancak girdiler</translation>
    </message>
    <message>
        <source>node &apos;{node}&apos; (Embedding) has num_embeddings {size}, but the dataset&apos;s token ids run to {last} (vocab_size {vocab}): raise num_embeddings to at least {vocab} or lower data.params.vocab_size</source>
        <translation>&apos;{node}&apos; düğümünün (Embedding) num_embeddings değeri {size}, ancak veri kümesinin belirteç kimlikleri {last} değerine kadar gider (vocab_size {vocab}): num_embeddings değerini en az {vocab} yapın ya da data.params.vocab_size değerini düşürün</translation>
    </message>
    <message>
        <source>{where} are standardised: set &quot;standardise&quot;: false in data.params to feed the ids as they are</source>
        <translation>{where} standartlaştırılmış: kimlikleri olduğu gibi vermek için data.params içinde &quot;standardise&quot;: false ayarlayın</translation>
    </message>
    <message>
        <source>{where} hold non-integer values (e.g. {value:g})</source>
        <translation>{where} tamsayı olmayan değerler içeriyor (örneğin {value:g})</translation>
    </message>
    <message>
        <source>raise num_embeddings to at least {size:g}</source>
        <translation>num_embeddings değerini en az {size:g} yapın</translation>
    </message>
    <message>
        <source>ids must not be negative</source>
        <translation>kimlikler negatif olmamalı</translation>
    </message>
    <message>
        <source>{where} hold ids from {low:g} to {high:g}: {fix}</source>
        <translation>{where} {low:g} ile {high:g} arası kimlikler içeriyor: {fix}</translation>
    </message>
    <message>
        <source>training.device: {error}</source>
        <extracomment>evaluation runs in chunks of this many samples (bounded memory on big validation sets) gradient records per epoch by default: enough for the gradient-flow plots; each costs a fused norm over every tensor (tens of microseconds), which tiny models notice the objective&apos;s own columns (a VAE&apos;s ``recon_loss``, a GAN&apos;s ``d_loss``, ...) the loss of the last completed step the loss of the step in progress (what ``BACKWARD_COMPLETED`` handlers check) completed, early_stopping, terminated, non_finite_loss or error (None while running) the exception that ended the run (stop reason ``error``), for a traceback in bug reports</extracomment>
        <translation>training.device: {error}</translation>
    </message>
    <message>
        <source>stopped by the user at epoch {epoch}, step {step}</source>
        <extracomment>the gradient monitor of the network the logs describe (set by the gradient logger)</extracomment>
        <translation>kullanıcı tarafından {epoch}. epokun {step}. adımında durduruldu</translation>
    </message>
    <message>
        <source>{kind}: {error}</source>
        <translation>{kind}: {error}</translation>
    </message>
    <message>
        <source>training.early_stopping.monitor: &apos;{monitor}&apos; needs a validation split, but data.val_split is 0: monitor train_loss or hold out samples</source>
        <translation>training.early_stopping.monitor: &apos;{monitor}&apos; bir doğrulama ayrımı gerektirir, ancak data.val_split 0: train_loss değerini izleyin ya da örnek ayırın</translation>
    </message>
    <message>
        <source>training.early_stopping.monitor: &apos;{monitor}&apos; is an accuracy, but the dataset &apos;{dataset}&apos; is a regression task: monitor a loss</source>
        <translation>training.early_stopping.monitor: &apos;{monitor}&apos; bir doğruluk ölçüsü, ancak &apos;{dataset}&apos; veri kümesi bir regresyon görevi: bir kayıp izleyin</translation>
    </message>
    <message>
        <source>&apos;{node}&apos; branches: the residual twin needs a plain chain of layers</source>
        <extracomment>layers that start a block catalogue categories that stay on the stream side of a block (before its non-linearity)</extracomment>
        <translation>&apos;{node}&apos; dallanıyor: artık ikiz, katmanlardan oluşan düz bir zincir ister</translation>
    </message>
    <message>
        <source>every must be at least 1, got {every}</source>
        <translation>every en az 1 olmalı, alınan: {every}</translation>
    </message>
    <message>
        <source>the project has problems: {problems}</source>
        <translation>projede sorunlar var: {problems}</translation>
    </message>
    <message>
        <source>the network has {count} layer(s) with weights ({counts}); a residual twin needs at least {needed}: a first layer, {every} to skip over, and the output layer. Add {missing} more hidden layer(s) (e.g. a {layer} and an activation) to compare</source>
        <translation>ağda ağırlıklı {count} katman var ({counts}); bir artık ikiz en az {needed} katman ister: bir ilk katman, üzerinden atlanacak {every} katman ve çıkış katmanı. Karşılaştırmak için {missing} gizli katman daha ekleyin (örneğin bir {layer} ve bir aktivasyon)</translation>
    </message>
    <message>
        <source>no group of layers keeps its shape or can be joined by a projection</source>
        <translation>hiçbir katman grubu şeklini korumuyor ya da bir izdüşümle birleştirilemiyor</translation>
    </message>
    <message>
        <source>node {position} &apos;{name}&apos; ({op_type}): {reason}</source>
        <translation>düğüm {position} &apos;{name}&apos; ({op_type}): {reason}</translation>
    </message>
    <message>
        <source>{count} operator(s) cannot be imported:
  {lines}</source>
        <translation>{count} operatör içe aktarılamıyor:
  {lines}</translation>
    </message>
    <message>
        <source>no catalogue layer for the operator {op_type}</source>
        <translation>{op_type} operatörü için katalogda katman yok</translation>
    </message>
    <message>
        <source>no catalogue layer for the operator {op_type} of domain &apos;{domain}&apos;</source>
        <translation>&apos;{domain}&apos; alanındaki {op_type} operatörü için katalogda katman yok</translation>
    </message>
    <message>
        <source>its input &apos;{name}&apos; comes from no mapped layer</source>
        <translation>&apos;{name}&apos; girdisi eşlenmiş hiçbir katmandan gelmiyor</translation>
    </message>
    <message>
        <source>the model&apos;s output is a constant</source>
        <translation>modelin çıktısı bir sabit</translation>
    </message>
    <message>
        <source>as {layer_type} {params}: {message}</source>
        <translation>{layer_type} {params} olarak: {message}</translation>
    </message>
    <message>
        <source>as {layer_type} it gives {got} per sample, ONNX {wanted}</source>
        <translation>{layer_type} olarak örnek başına {got} veriyor, ONNX ise {wanted}</translation>
    </message>
    <message>
        <source>the model imports no opset of the default ONNX domain</source>
        <extracomment>the oldest opset accepted (the version converter reaches back that far) older models are upgraded to this opset first, so the mapper sees one form of each operator the batch size shape subgraphs are folded with when the model leaves the batch free operators never folded: their outputs differ from run to run</extracomment>
        <translation>model, varsayılan ONNX alanından hiçbir opset içe aktarmıyor</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}: böyle bir dosya yok</translation>
    </message>
    <message>
        <source>{path}: not a readable ONNX model ({error})</source>
        <translation>{path}: okunabilir bir ONNX modeli değil ({error})</translation>
    </message>
    <message>
        <source>the model uses opset {opset}; models from opset {oldest} on can be imported</source>
        <translation>model opset {opset} kullanıyor; yalnızca opset {oldest} ve sonrasındaki modeller içe aktarılabilir</translation>
    </message>
    <message>
        <source>the model uses opset {opset}, newer than the installed onnx reads ({newest})</source>
        <translation>model opset {opset} kullanıyor; bu, kurulu onnx&apos;in okuyabildiğinden ({newest}) yeni</translation>
    </message>
    <message>
        <source>could not upgrade the model from opset {opset} to {target}: {error}</source>
        <translation>model opset {opset} sürümünden {target} sürümüne yükseltilemedi: {error}</translation>
    </message>
    <message>
        <source>the model has {count} data inputs ({names}); a project has exactly one Input</source>
        <translation>modelin {count} veri girdisi var ({names}); bir projede tam olarak bir Input bulunur</translation>
    </message>
    <message>
        <source>the model has {count} outputs ({names}); a project has exactly one Output</source>
        <translation>modelin {count} çıktısı var ({names}); bir projede tam olarak bir Output bulunur</translation>
    </message>
    <message>
        <source>input &apos;{name}&apos; must have a batch dim and a sample shape, has {count} dims</source>
        <translation>&apos;{name}&apos; girdisinin bir yığın boyutu ve bir örnek şekli olmalı, {count} boyutu var</translation>
    </message>
    <message>
        <source>input &apos;{name}&apos; leaves dim {axis} free (&apos;{param}&apos;): only the batch dim may vary</source>
        <translation>&apos;{name}&apos; girdisi {axis}. boyutu serbest bırakıyor (&apos;{param}&apos;): yalnızca yığın boyutu değişebilir</translation>
    </message>
    <message>
        <source>ONNX shape inference failed: {error}</source>
        <translation>ONNX şekil çıkarımı başarısız oldu: {error}</translation>
    </message>
    <message>
        <source>could not fold constant node &apos;{name}&apos; ({op_type}): {error}</source>
        <translation>&apos;{name}&apos; ({op_type}) sabit düğümü katlanamadı: {error}</translation>
    </message>
    <message>
        <source>dataset &apos;{name}&apos; keeps no raw inputs to place a boundary grid on</source>
        <extracomment>a layer whose gradient norm is below this fraction of the last layer&apos;s is flagged vanishing a layer whose gradient norm is above this multiple of the last layer&apos;s is flagged exploding grid points per side of a decision-boundary image the decision-boundary grid extends this fraction of the data&apos;s range beyond the data bins of the weight and gradient histograms</extracomment>
        <translation>&apos;{name}&apos; veri kümesi, sınır ızgarasını yerleştirecek ham girdileri saklamıyor</translation>
    </message>
    <message>
        <source>dataset &apos;{name}&apos; has inputs {shape}, a decision boundary needs 2 features per sample</source>
        <translation>&apos;{name}&apos; veri kümesinin girdileri {shape}; karar sınırı örnek başına 2 öznitelik gerektirir</translation>
    </message>
    <message>
        <source>resolution must be at least 2, got {resolution}</source>
        <translation>çözünürlük en az 2 olmalı, alınan: {resolution}</translation>
    </message>
    <message>
        <source>{labels} labels but {predictions} predictions</source>
        <translation>{labels} etiket ama {predictions} tahmin</translation>
    </message>
    <message>
        <source>class indices must lie in [0, {classes})</source>
        <translation>sınıf indeksleri [0, {classes}) aralığında olmalı</translation>
    </message>
    <message>
        <source>dataset &apos;{name}&apos; is a regression task: it has no confusion matrix</source>
        <translation>&apos;{name}&apos; veri kümesi bir regresyon görevi: karışıklık matrisi yok</translation>
    </message>
    <message>
        <source>split must be &apos;val&apos; or &apos;train&apos;, got {split!r}</source>
        <translation>ayrım &apos;val&apos; ya da &apos;train&apos; olmalı, alınan: {split!r}</translation>
    </message>
    <message>
        <source>&apos;{node_id}&apos; is not a layer of this model</source>
        <translation>&apos;{node_id}&apos; bu modelin bir katmanı değil</translation>
    </message>
    <message>
        <source>&apos;{node_id}&apos; is not a Conv2d layer of this model</source>
        <translation>&apos;{node_id}&apos; bu modelin bir Conv2d katmanı değil</translation>
    </message>
    <message>
        <source>class index {index} is out of range: the model has {outputs} outputs</source>
        <translation>{index} sınıf indeksi aralığın dışında: modelin {outputs} çıktısı var</translation>
    </message>
    <message>
        <source>the output of &apos;{node_id}&apos; does not depend on any trained parameter</source>
        <translation>&apos;{node_id}&apos; çıktısı eğitilen hiçbir parametreye bağlı değil</translation>
    </message>
    <message>
        <source>the sample has shape {shape}, the model takes {input_shape}</source>
        <translation>örneğin şekli {shape}, model {input_shape} alıyor</translation>
    </message>
    <message>
        <source>&apos;{node_id}&apos; is not a node of this model</source>
        <translation>&apos;{node_id}&apos; bu modelin bir düğümü değil</translation>
    </message>
    <message>
        <source>&apos;{node_id}&apos; outputs {shape}, not a [channels, height, width] map</source>
        <translation>&apos;{node_id}&apos; {shape} veriyor, bir [kanallar, yükseklik, genişlik] haritası değil</translation>
    </message>
    <message>
        <source>no images to tile</source>
        <translation>döşenecek görüntü yok</translation>
    </message>
    <message>
        <source>dataset &apos;{name}&apos; has inputs {shape}: neuron maps need 2 features per sample</source>
        <extracomment>grid points per side of each map (coarser than the decision boundary: there are many maps) at most this many layers, and neurons per layer, are drawn (the rest are counted)</extracomment>
        <translation>&apos;{name}&apos; veri kümesinin girdileri {shape}: nöron haritaları örnek başına 2 öznitelik gerektirir</translation>
    </message>
    <message>
        <source>its {what} is missing</source>
        <extracomment>the first ONNX node&apos;s index in the model&apos;s node list</extracomment>
        <translation>{what} eksik</translation>
    </message>
    <message>
        <source>its {what} (&apos;{name}&apos;) is computed from the data, not a constant</source>
        <translation>{what} (&apos;{name}&apos;) bir sabit değil, veriden hesaplanıyor</translation>
    </message>
    <message>
        <source>input {index} (&apos;{name}&apos;) is a constant; layers take data</source>
        <translation>{index} numaralı girdi (&apos;{name}&apos;) bir sabit; katmanlar veri alır</translation>
    </message>
    <message>
        <source>the shape of &apos;{name}&apos; is unknown (ONNX shape inference could not fix it)</source>
        <translation>&apos;{name}&apos; değerinin şekli bilinmiyor (ONNX şekil çıkarımı belirleyemedi)</translation>
    </message>
    <message>
        <source>its {what} output &apos;{name}&apos; is used; the layer gives only its main output</source>
        <translation>{what} çıktısı &apos;{name}&apos; kullanılıyor; katman yalnızca ana çıktısını verir</translation>
    </message>
    <message>
        <source>its padding {pads} differs between the start and the end of an axis; the catalogue&apos;s layers pad both sides equally</source>
        <translation>dolgusu {pads} bir eksenin başında ve sonunda farklı; katalogdaki katmanlar iki yanı eşit doldurur</translation>
    </message>
    <message>
        <source>transA=1 transposes the data; a Linear layer takes [batch, features]</source>
        <translation>transA=1 veriyi devriğine çeviriyor; bir Linear katmanı [yığın, öznitelikler] alır</translation>
    </message>
    <message>
        <source>weight B</source>
        <translation>ağırlık B</translation>
    </message>
    <message>
        <source>bias C</source>
        <translation>sapma C</translation>
    </message>
    <message>
        <source>its bias C of shape {shape} is not one value per output</source>
        <translation>{shape} şeklindeki sapma C, her çıktı için bir değer değil</translation>
    </message>
    <message>
        <source>weight matrix</source>
        <translation>ağırlık matrisi</translation>
    </message>
    <message>
        <source>its weight has {count} dims; a Linear layer&apos;s has 2</source>
        <translation>ağırlığı {count} boyutlu; bir Linear katmanınınki 2 boyutludur</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>maske</translation>
    </message>
    <message>
        <source>ratio</source>
        <translation>oran</translation>
    </message>
    <message>
        <source>it runs in training mode inside the model</source>
        <translation>model içinde eğitim kipinde çalışıyor</translation>
    </message>
    <message>
        <source>it turns {before} into {after}, moving the batch dim (batch {batch} when imported)</source>
        <translation>{before} şeklini {after} şekline çeviriyor ve yığın boyutunu yerinden oynatıyor (içe aktarılırken yığın {batch})</translation>
    </message>
    <message>
        <source>perm {perm} moves the batch dim</source>
        <translation>perm {perm} yığın boyutunu yerinden oynatıyor</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>ağırlık</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>sapma</translation>
    </message>
    <message>
        <source>it is a {rank}-D convolution; the catalogue has Conv1d and Conv2d</source>
        <translation>{rank} boyutlu bir evrişim; katalogda Conv1d ve Conv2d var</translation>
    </message>
    <message>
        <source>indices</source>
        <translation>indisler</translation>
    </message>
    <message>
        <source>its padding {padding} exceeds half its window {window}, which torch&apos;s pooling refuses</source>
        <translation>dolgusu {padding}, penceresi {window} değerinin yarısını aşıyor; torch&apos;un havuzlaması bunu reddeder</translation>
    </message>
    <message>
        <source>it pools over {rank} dims; the catalogue has MaxPool1d and MaxPool2d</source>
        <translation>{rank} boyut üzerinden havuzluyor; katalogda MaxPool1d ve MaxPool2d var</translation>
    </message>
    <message>
        <source>it averages over {rank} dims; the catalogue has AvgPool2d</source>
        <translation>{rank} boyut üzerinden ortalama alıyor; katalogda AvgPool2d var</translation>
    </message>
    <message>
        <source>it has dilations, which AvgPool2d lacks</source>
        <translation>genişletmeleri (dilations) var; AvgPool2d&apos;de bunlar yok</translation>
    </message>
    <message>
        <source>it pools a {rank}-d tensor; AdaptiveAvgPool2d takes [N, C, H, W]</source>
        <translation>{rank} boyutlu bir tensörü havuzluyor; AdaptiveAvgPool2d [N, C, H, W] alır</translation>
    </message>
    <message>
        <source>axes</source>
        <translation>eksenler</translation>
    </message>
    <message>
        <source>only the mean over height and width, dims kept (global average pooling), maps onto the catalogue; this one reduces dims {axes} of {shape}</source>
        <translation>kataloğa yalnızca yükseklik ve genişlik üzerinden, boyutları koruyan ortalama (küresel ortalama havuzlama) eşlenir; bu düğüm {shape} şeklinin {axes} boyutlarını indirgiyor</translation>
    </message>
    <message>
        <source>it normalises a {rank}-d tensor; BatchNorm1d/2d take 2 to 4 dims</source>
        <translation>{rank} boyutlu bir tensörü normalleştiriyor; BatchNorm1d/2d 2 ile 4 arası boyut alır</translation>
    </message>
    <message>
        <source>running statistics</source>
        <translation>yürüyen istatistikler</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>ölçek</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>ortalama</translation>
    </message>
    <message>
        <source>variance</source>
        <translation>varyans</translation>
    </message>
    <message>
        <source>{op_type} of two computed tensors has no catalogue layer</source>
        <translation>iki hesaplanmış tensörün {op_type} işleminin katalogda katmanı yok</translation>
    </message>
    <message>
        <source>its constant is not one number per channel of {shape}</source>
        <translation>sabiti, {shape} şeklinin her kanalı için bir sayı değil</translation>
    </message>
    <message>
        <source>it broadcasts inputs of shapes {shapes}; Add needs equal shapes</source>
        <translation>{shapes} şekillerindeki girdileri genişletiyor (broadcast); Add eşit şekiller ister</translation>
    </message>
    <message>
        <source>it joins along the batch dim</source>
        <translation>yığın boyutu boyunca birleştiriyor</translation>
    </message>
    <message>
        <source>layout=1 (batch-first inside the op) is not read yet; torch writes layout 0</source>
        <extracomment>ops torch writes between a recurrent op&apos;s [T, D, N, H] output and the batch-first [N, T, D*H]</extracomment>
        <translation>layout=1 (işlem içinde önce yığın) henüz okunmuyor; torch layout 0 yazar</translation>
    </message>
    <message>
        <source>its input is not a batch-first tensor transposed to time-major, as torch writes it</source>
        <translation>girdisi, torch&apos;un yazdığı gibi önce-zaman düzenine devrilmiş, önce-yığın bir tensör değil</translation>
    </message>
    <message>
        <source>direction &apos;reverse&apos; has no torch equivalent (bidirectional or forward only)</source>
        <translation>direction &apos;reverse&apos; için torch karşılığı yok (yalnızca iki yönlü ya da ileri)</translation>
    </message>
    <message>
        <source>clip and input_forget have no torch equivalent</source>
        <translation>clip ve input_forget için torch karşılığı yok</translation>
    </message>
    <message>
        <source>linear_before_reset=0 differs from torch&apos;s GRU</source>
        <translation>linear_before_reset=0, torch&apos;un GRU&apos;sundan farklı</translation>
    </message>
    <message>
        <source>activations {activations} differ from torch&apos;s tanh or relu</source>
        <translation>{activations} etkinleştirmeleri torch&apos;un tanh ya da relu&apos;sundan farklı</translation>
    </message>
    <message>
        <source>its sequence_lens vary; the layer reads whole sequences</source>
        <translation>sequence_lens değerleri değişiyor; katman dizileri bütün olarak okur</translation>
    </message>
    <message>
        <source>its {what} is not zero, which a torch layer starts from</source>
        <translation>{what} sıfır değil; bir torch katmanı sıfırdan başlar</translation>
    </message>
    <message>
        <source>final state</source>
        <translation>son durum</translation>
    </message>
    <message>
        <source>its output is not rearranged to batch-first [N, T, features] as torch writes it</source>
        <translation>çıktısı, torch&apos;un yazdığı gibi önce-yığın [N, T, öznitelikler] düzenine getirilmiyor</translation>
    </message>
</context>
<context>
    <name>Analyst</name>
    <message>
        <source>decision boundary</source>
        <translation>karar sınırı</translation>
    </message>
    <message>
        <source>histograms</source>
        <translation>histogramlar</translation>
    </message>
    <message>
        <source>filters</source>
        <translation>filtreler</translation>
    </message>
    <message>
        <source>feature maps</source>
        <translation>öznitelik haritaları</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>confusion matrix</source>
        <translation>karışıklık matrisi</translation>
    </message>
    <message>
        <source>neuron maps</source>
        <translation>nöron haritaları</translation>
    </message>
</context>
<context>
    <name>BoundaryView</name>
    <message>
        <source>Decision boundary</source>
        <translation>Karar sınırı</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>tahmin</translation>
    </message>
    <message>
        <source>The decision boundary is drawn for datasets of 2-D points.</source>
        <translation>Karar sınırı, 2 boyutlu noktalardan oluşan veri kümeleri için çizilir.</translation>
    </message>
    <message>
        <source>Colour: the class the model predicts, paler where it is unsure. Filled points: training set; ringed: validation set.</source>
        <translation>Renk: modelin tahmin ettiği sınıf; modelin emin olmadığı yerlerde daha soluk. Dolu noktalar: eğitim kümesi; halkalı noktalar: doğrulama kümesi.</translation>
    </message>
    <message>
        <source>Colour: the predicted value; points are coloured by their target.</source>
        <translation>Renk: tahmin edilen değer; noktalar hedef değerlerine göre renklendirilir.</translation>
    </message>
    <message>
        <source>Drawn: {drawn:,} of the {total:,} training points.</source>
        <translation>Çizilen: {total:,} eğitim noktasının {drawn:,} tanesi.</translation>
    </message>
</context>
<context>
    <name>CanvasTools</name>
    <message>
        <source>Add layer</source>
        <extracomment>window setting: whether the minimap is shown</extracomment>
        <translation>Katman ekle</translation>
    </message>
    <message>
        <source>Type a layer name, e.g. conv</source>
        <translation>Bir katman adı yazın, ör. conv</translation>
    </message>
    <message>
        <source>Find node</source>
        <translation>Düğüm bul</translation>
    </message>
    <message>
        <source>Type part of a node id</source>
        <translation>Düğüm kimliğinin bir kısmını yazın</translation>
    </message>
    <message>
        <source>&amp;Quick Add Layer…</source>
        <translation>&amp;Hızlı Katman Ekle…</translation>
    </message>
    <message>
        <source>Type a layer name to add it at the pointer (Tab on the canvas too)</source>
        <translation>İşaretçinin bulunduğu yere eklemek için bir katman adı yazın (tuvalde Tab da olur)</translation>
    </message>
    <message>
        <source>&amp;Find Node…</source>
        <translation>Düğüm &amp;Bul…</translation>
    </message>
    <message>
        <source>Type part of a node id to select and show it</source>
        <translation>Seçip göstermek için düğüm kimliğinin bir kısmını yazın</translation>
    </message>
    <message>
        <source>&amp;Group Selection</source>
        <translation>Seçimi &amp;Grupla</translation>
    </message>
    <message>
        <source>Make the selected nodes a group that can collapse into one block</source>
        <translation>Seçili düğümleri tek bir bloğa daraltılabilen bir grup yap</translation>
    </message>
    <message>
        <source>U&amp;ngroup</source>
        <translation>Grubu &amp;Çöz</translation>
    </message>
    <message>
        <source>Dissolve the selected groups</source>
        <translation>Seçili grupları çöz</translation>
    </message>
    <message>
        <source>Collapse/&amp;Expand Group</source>
        <translation>Grubu &amp;Daralt/Genişlet</translation>
    </message>
    <message>
        <source>Collapse the selected nodes&apos; groups into blocks, or expand the selected blocks</source>
        <translation>Seçili düğümlerin gruplarını bloklara daralt ya da seçili blokları genişlet</translation>
    </message>
    <message>
        <source>Group &amp;Blocks</source>
        <translation>&amp;Blokları Grupla</translation>
    </message>
    <message>
        <source>Find every residual block, inception module and dense block; group and collapse each</source>
        <translation>Her artık bloğu, inception modülünü ve yoğun bloğu bul; her birini gruplayıp daralt</translation>
    </message>
    <message>
        <source>&amp;Collapse All Groups</source>
        <translation>Tüm Grupları &amp;Daralt</translation>
    </message>
    <message>
        <source>Show every group as one block</source>
        <translation>Her grubu tek bir blok olarak göster</translation>
    </message>
    <message>
        <source>E&amp;xpand All Groups</source>
        <translation>Tüm Grupları &amp;Genişlet</translation>
    </message>
    <message>
        <source>Show the layers of every group</source>
        <translation>Her grubun katmanlarını göster</translation>
    </message>
    <message>
        <source>&amp;Minimap</source>
        <translation>&amp;Mini Harita</translation>
    </message>
    <message>
        <source>Show an overview of the whole graph in the canvas&apos;s corner</source>
        <translation>Tuvalin köşesinde tüm grafiğin özetini göster</translation>
    </message>
    <message>
        <source>Select at least two nodes to group</source>
        <translation>Gruplamak için en az iki düğüm seçin</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grup</translation>
    </message>
    <message>
        <source>Label of the group:</source>
        <translation>Grubun etiketi:</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Blok</translation>
    </message>
    <message>
        <source>Grouped {count} blocks; double-click one to expand it, View › Expand All Groups to show every layer</source>
        <translation>{count} blok gruplandı; genişletmek için birine çift tıklayın, her katmanı göstermek için Görünüm › Tüm Grupları Genişlet</translation>
    </message>
</context>
<context>
    <name>CompareCurves</name>
    <message>
        <source>Loss</source>
        <extracomment>the same, faded, for the noisy per-step losses the least width of the loss and accuracy plots (their titles are short; the numbers need room) the most layer names on a heat map&apos;s axis (fewer when it is short)</extracomment>
        <translation>Kayıp</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>epok</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Doğruluk</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare plain vs residual</source>
        <extracomment>the example the window offers first when the open project is empty</extracomment>
        <translation>Düz ve artık (residual) ağı karşılaştır</translation>
    </message>
    <message>
        <source>The budget of both runs</source>
        <translation>İki eğitimin bütçesi</translation>
    </message>
    <message>
        <source>Train both</source>
        <translation>İkisini de eğit</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Duraklat</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Durdur</translation>
    </message>
    <message>
        <source>Pick two projects, or one and its residual twin, and press Train both.</source>
        <translation>İki proje seçin ya da bir proje ile onun artık ikizini seçip İkisini de eğit&apos;e basın.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{value}&apos;&gt;A&lt;/b&gt; (reference):</source>
        <translation>&lt;b style=&apos;color:{value}&apos;&gt;A&lt;/b&gt; (referans):</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{value}&apos;&gt;B&lt;/b&gt;:</source>
        <translation>&lt;b style=&apos;color:{value}&apos;&gt;B&lt;/b&gt;:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epok:</translation>
    </message>
    <message>
        <source>The open project ({display_name})</source>
        <translation>Açık proje ({display_name})</translation>
    </message>
    <message>
        <source>Residual twin of A (made now)</source>
        <translation>A&apos;nın artık ikizi (şimdi oluşturulur)</translation>
    </message>
    <message>
        <source>Example: {name}</source>
        <translation>Örnek: {name}</translation>
    </message>
    <message>
        <source>Other file…</source>
        <translation>Başka bir dosya…</translation>
    </message>
    <message>
        <source>Choose a project</source>
        <translation>Bir proje seçin</translation>
    </message>
    <message>
        <source>Projects (*.dlp.json *.json)</source>
        <translation>Projeler (*.dlp.json *.json)</translation>
    </message>
    <message>
        <source>The residual twin is made from A: choose a valid A first.</source>
        <translation>Artık ikiz A&apos;dan oluşturulur: önce geçerli bir A seçin.</translation>
    </message>
    <message>
        <source>A cannot be loaded: {exc}</source>
        <translation>A yüklenemiyor: {exc}</translation>
    </message>
    <message>
        <source>B cannot be loaded: {exc}</source>
        <translation>B yüklenemiyor: {exc}</translation>
    </message>
    <message>
        <source>no project chosen</source>
        <translation>proje seçilmedi</translation>
    </message>
    <message>
        <source>Cannot load the projects: {exc}</source>
        <translation>Projeler yüklenemiyor: {exc}</translation>
    </message>
    <message>
        <source>Preparing both runs…</source>
        <translation>İki eğitim hazırlanıyor…</translation>
    </message>
    <message>
        <source>Train A and B side by side on the same data, seed and batches</source>
        <translation>A ile B&apos;yi aynı veri, tohum ve yığınlarla yan yana eğit</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Sürdür</translation>
    </message>
    <message>
        <source>{label} — gradient flow (layers × steps)</source>
        <translation>{label} — gradyan akışı (katmanlar × adımlar)</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{value}&apos;&gt;{value2}&lt;/b&gt;: {value3} ({count} trainable layers)</source>
        <translation>&lt;b style=&apos;color:{value}&apos;&gt;{value2}&lt;/b&gt;: {value3} ({count} eğitilebilir katman)</translation>
    </message>
    <message>
        <source>same data split, seed and batch order; {shared} shared layer(s) start from the same weights</source>
        <translation>aynı veri bölünmesi, tohum ve yığın sırası; paylaşılan {shared} katman aynı ağırlıklarla başlar</translation>
    </message>
    <message>
        <source>curves: solid training, dashed validation, faint per-batch loss</source>
        <translation>eğriler: düz çizgi eğitim, kesikli çizgi doğrulama, soluk çizgi yığın başına kayıp</translation>
    </message>
    <message>
        <source>both heat maps share one colour scale</source>
        <translation>iki ısı haritası da aynı renk ölçeğini kullanır</translation>
    </message>
    <message>
        <source>only in B: {value}</source>
        <translation>yalnızca B&apos;de: {value}</translation>
    </message>
    <message>
        <source>same ids but other shapes (own weights): {value}</source>
        <translation>aynı kimlikler ama farklı şekiller (kendi ağırlıkları): {value}</translation>
    </message>
    <message>
        <source>Training both, one step of each in turn…</source>
        <translation>İkisi de eğitiliyor, sırayla her birinden bir adım…</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>duraklatıldı</translation>
    </message>
    <message>
        <source>Epoch {epoch} of {value}, step {iteration}{paused}</source>
        <translation>Epok {epoch} / {value}, adım {iteration}{paused}</translation>
    </message>
    <message>
        <source>Run folders: {run_dir}</source>
        <translation>Eğitim klasörleri: {run_dir}</translation>
    </message>
    <message>
        <source>train loss {train_loss:.4f}</source>
        <translation>eğitim kaybı {train_loss:.4f}</translation>
    </message>
    <message>
        <source>val acc {val_acc:.3f}</source>
        <translation>doğr. doğruluğu {val_acc:.3f}</translation>
    </message>
    <message>
        <source>gradient ratio first/last layer {value:.1e} (step {step}) → {value2:.1e} (step {step2})</source>
        <translation>ilk/son katman gradyan oranı {value:.1e} (adım {step}) → {value2:.1e} (adım {step2})</translation>
    </message>
    <message>
        <source>The comparison did not start.</source>
        <translation>Karşılaştırma başlamadı.</translation>
    </message>
</context>
<context>
    <name>ConfusionView</name>
    <message>
        <source>Confusion matrix (validation)</source>
        <translation>Karışıklık matrisi (doğrulama)</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>gerçek sınıf</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>tahmin edilen sınıf</translation>
    </message>
    <message>
        <source>Compute now</source>
        <translation>Şimdi hesapla</translation>
    </message>
    <message>
        <source>Evaluate the current weights on the validation set</source>
        <translation>Geçerli ağırlıkları doğrulama kümesinde değerlendir</translation>
    </message>
    <message>
        <source>Updated about once a second while this tab is shown, and at the end of the run.</source>
        <translation>Bu sekme açıkken yaklaşık saniyede bir ve eğitimin sonunda güncellenir.</translation>
    </message>
    <message>
        <source>A regression model has no confusion matrix.</source>
        <translation>Bir regresyon modelinin karışıklık matrisi olmaz.</translation>
    </message>
    <message>
        <source>Validation set at step {step}: accuracy {value:.1f}% ({value2} of {value3}). Rows: true class; colour: share of the row.</source>
        <translation>Adım {step} itibarıyla doğrulama kümesi: doğruluk %{value:.1f} ({value3} örnekten {value2}). Satırlar: gerçek sınıf; renk: satır içindeki pay.</translation>
    </message>
</context>
<context>
    <name>CrossValidationDialog</name>
    <message>
        <source>Cross-Validate</source>
        <translation>Çapraz Doğrulama</translation>
    </message>
    <message>
        <source>Cross-validation failed: {value}</source>
        <translation>Çapraz doğrulama başarısız oldu: {value}</translation>
    </message>
    <message>
        <source>folds: </source>
        <translation>kat sayısı: </translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Başlat</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Durdur</translation>
    </message>
    <message>
        <source>Each fold is once the validation set; the project&apos;s val_split is not used.</source>
        <translation>Her kat bir kez doğrulama kümesi olur; projenin val_split ayarı kullanılmaz.</translation>
    </message>
    <message>
        <source>Validation loss per epoch, by fold</source>
        <translation>Epok başına doğrulama kaybı, kata göre</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>kayıp</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>epok</translation>
    </message>
    <message>
        <source>fold {number}</source>
        <translation>kat {number}</translation>
    </message>
    <message>
        <source>Training {folds} folds…</source>
        <translation>{folds} kat eğitiliyor…</translation>
    </message>
    <message>
        <source>{count} folds: {shown} (mean ± standard deviation); written to {folder}</source>
        <translation>{count} kat: {shown} (ortalama ± standart sapma); {folder} klasörüne yazıldı</translation>
    </message>
</context>
<context>
    <name>CurvesView</name>
    <message>
        <source>Loss</source>
        <extracomment>the least height of each plot (title row included): below it, the panel scrolls instead. The three fit the training dock of a 1280x720 window (the learning rate, usually a flat line or a simple schedule, is a strip under the curves; it carries the shared epoch axis). the title rows of the stacked plots: one line of title or legend (pyqtgraph gives 30)</extracomment>
        <translation>Kayıp</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Doğruluk</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Öğrenme oranı</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>epok</translation>
    </message>
    <message>
        <source>batch loss</source>
        <translation>yığın kaybı</translation>
    </message>
    <message>
        <source>train</source>
        <translation>eğitim</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>doğrulama</translation>
    </message>
    <message>
        <source>log loss axis</source>
        <translation>logaritmik kayıp ekseni</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis (late progress stays visible)</source>
        <translation>Kaybı logaritmik eksende göster (geç dönemdeki ilerleme de görünür kalır)</translation>
    </message>
    <message>
        <source>Validation minus training at the last epoch: a growing gap means over-fitting</source>
        <translation>Son epokta doğrulama eksi eğitim: büyüyen bir fark aşırı öğrenme (overfitting) demektir</translation>
    </message>
    <message>
        <source>loss gap (val − train) {value:+.3g}</source>
        <translation>kayıp farkı (doğr. − eğitim) {value:+.3g}</translation>
    </message>
    <message>
        <source>accuracy gap {value:+.1f} pts</source>
        <translation>doğruluk farkı {value:+.1f} puan</translation>
    </message>
</context>
<context>
    <name>DataPreview</name>
    <message>
        <source>Browse…</source>
        <extracomment>a load that takes longer than this shows the preview&apos;s &quot;loading&quot; state (a quicker one, the usual case, changes the preview at once, without a flash of the loading text)</extracomment>
        <translation>Gözat…</translation>
    </message>
    <message>
        <source>Choose the data file</source>
        <translation>Veri dosyasını seçin</translation>
    </message>
    <message>
        <source>The column the network learns to predict</source>
        <translation>Ağın tahmin etmeyi öğrendiği sütun</translation>
    </message>
    <message>
        <source>target column</source>
        <translation>hedef sütun</translation>
    </message>
    <message>
        <source>Loading the data…</source>
        <translation>Veri yükleniyor…</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Veri</translation>
    </message>
    <message>
        <source>{value};;All files (*)</source>
        <translation>{value};;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <source>unexpected error: {kind}: {message}</source>
        <translation>beklenmeyen hata: {kind}: {message}</translation>
    </message>
    <message>
        <source>Real data is loaded when training starts, off the window&apos;s thread; &lt;b&gt;Preview…&lt;/b&gt; above loads it now and shows samples, labels and class counts.</source>
        <translation>Gerçek veri, eğitim başladığında pencerenin iş parçacığı dışında yüklenir; yukarıdaki &lt;b&gt;Önizle…&lt;/b&gt; onu şimdi yükler ve örnekleri, etiketleri ve sınıf sayılarını gösterir.</translation>
    </message>
    <message>
        <source>(choose a column)</source>
        <translation>(bir sütun seçin)</translation>
    </message>
    <message>
        <source>&lt;br&gt;Columns in the file: </source>
        <translation>&lt;br&gt;Dosyadaki sütunlar: </translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{value}&apos;&gt;{text}&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{value}&apos;&gt;{text}&lt;/span&gt;</translation>
    </message>
    <message>
        <source>{total:,} samples ({count:,} training, {count2:,} validation)</source>
        <translation>{total:,} örnek ({count:,} eğitim, {count2:,} doğrulama)</translation>
    </message>
    <message>
        <source>First training images: </source>
        <translation>İlk eğitim görüntüleri: </translation>
    </message>
    <message>
        <source>Fix: set &apos;{node_id}&apos; out_features to {classes} (one per class)</source>
        <translation>Düzelt: &apos;{node_id}&apos; out_features değerini {classes} yap (her sınıf için bir çıktı)</translation>
    </message>
    <message>
        <source>The data has {classes} classes: the layer before the Output needs {classes} outputs</source>
        <translation>Veride {classes} sınıf var: Output&apos;tan önceki katmanın {classes} çıktısı olmalı</translation>
    </message>
</context>
<context>
    <name>DataPreviewDialog</name>
    <message>
        <source>Preview: {value}</source>
        <extracomment>datasets whose &apos;path&apos; is a folder (the others name a file)</extracomment>
        <translation>Önizleme: {value}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Yükleniyor…</translation>
    </message>
    <message>
        <source>{name}: input [{value}], {train_count} training and {val_count} validation samples</source>
        <translation>{name}: girdi [{value}], {train_count} eğitim ve {val_count} doğrulama örneği</translation>
    </message>
    <message>
        <source>text column</source>
        <translation>metin sütunu</translation>
    </message>
    <message>
        <source>target column</source>
        <translation>hedef sütun</translation>
    </message>
    <message>
        <source>Use these columns</source>
        <translation>Bu sütunları kullan</translation>
    </message>
</context>
<context>
    <name>DataTools</name>
    <message>
        <source>Browse…</source>
        <translation>Gözat…</translation>
    </message>
    <message>
        <source>Choose the dataset&apos;s folder or file</source>
        <translation>Veri kümesinin klasörünü veya dosyasını seçin</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>Önizle…</translation>
    </message>
    <message>
        <source>Load the data and show samples, labels and class counts</source>
        <translation>Veriyi yükle; örnekleri, etiketleri ve sınıf sayılarını göster</translation>
    </message>
    <message>
        <source>Choose the dataset&apos;s folder</source>
        <translation>Veri kümesinin klasörünü seçin</translation>
    </message>
    <message>
        <source>Choose the data file</source>
        <translation>Veri dosyasını seçin</translation>
    </message>
</context>
<context>
    <name>DepthProfile</name>
    <message>
        <source>Gradient norm by depth</source>
        <translation>Derinliğe göre gradyan normu</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>gradyan normu</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>katman</translation>
    </message>
    <message>
        <source>layer (both at step {step})</source>
        <translation>katman (ikisi de adım {step})</translation>
    </message>
</context>
<context>
    <name>DigitCanvas</name>
    <message>
        <source>Draw a digit with the mouse; it is scaled to the dataset&apos;s 8x8 format</source>
        <extracomment>side of the model&apos;s input image the maximum cell value (a 4x4 block of a 32x32 bitmap fully inked) resolution strokes are rendered at before averaging down to GRID x GRID pen width when rendering, as a fraction of the frame (the dataset&apos;s stroke thickness) margin kept around the fitted digit, as a fraction of the frame strokes as lists of points in unit coordinates (0..1 across the square)</extracomment>
        <translation>Fareyle bir rakam çizin; veri kümesinin 8x8 biçimine ölçeklenir</translation>
    </message>
    <message>
        <source>draw a digit here</source>
        <translation>buraya bir rakam çizin</translation>
    </message>
</context>
<context>
    <name>DownloadProgress</name>
    <message>
        <source>Downloading {name}…</source>
        <translation>{name} indiriliyor…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>Downloading data</source>
        <translation>Veri indiriliyor</translation>
    </message>
    <message>
        <source>Downloading {name}: {done} of {total}</source>
        <translation>{name} indiriliyor: {done} / {total}</translation>
    </message>
    <message>
        <source>Downloading {name}: {done}</source>
        <translation>{name} indiriliyor: {done}</translation>
    </message>
</context>
<context>
    <name>ExamplesDialog</name>
    <message>
        <source>Examples</source>
        <translation>Örnekler</translation>
    </message>
    <message>
        <source>Open an example project. It opens as a copy: saving asks where to put it.</source>
        <translation>Bir örnek proje açın. Kopya olarak açılır: kaydederken nereye koyacağınız sorulur.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export ONNX</source>
        <translation>ONNX&apos;e Aktar</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Gözat…</translation>
    </message>
    <message>
        <source>ONNX operator set. {DEFAULT_OPSET} is what the exporter writes natively; lower ones are converted and may fail, higher ones need a newer runtime.</source>
        <translation>ONNX operatör kümesi (opset). {DEFAULT_OPSET}, aktarıcının doğrudan yazdığı sürümdür; daha düşükler dönüştürülür ve başarısız olabilir, daha yüksekler daha yeni bir çalışma ortamı gerektirir.</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>Proje:</translation>
    </message>
    <message>
        <source>&lt;b&gt;{value}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>Ağırlıklar:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Dosya:</translation>
    </message>
    <message>
        <source>Opset:</source>
        <translation>Opset:</translation>
    </message>
    <message>
        <source>The model takes raw inputs: the dataset&apos;s standardisation is built in.</source>
        <translation>Model ham girdileri alır: veri kümesinin standartlaştırması modelin içindedir.</translation>
    </message>
    <message>
        <source>ONNX checker: not run yet</source>
        <translation>ONNX denetleyicisi: henüz çalıştırılmadı</translation>
    </message>
    <message>
        <source>max abs error</source>
        <translation>en büyük mutlak hata</translation>
    </message>
    <message>
        <source>max rel error</source>
        <translation>en büyük göreli hata</translation>
    </message>
    <message>
        <source>Verification: onnxruntime vs PyTorch (rtol {RTOL:g}, atol {ATOL:g})</source>
        <translation>Doğrulama: onnxruntime ile PyTorch karşılaştırması (rtol {RTOL:g}, atol {ATOL:g})</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Aktar</translation>
    </message>
    <message>
        <source>choose a file to write</source>
        <translation>yazılacak bir dosya seçin</translation>
    </message>
    <message>
        <source>fresh, untrained weights: {value}</source>
        <translation>yeni, eğitilmemiş ağırlıklar: {value}</translation>
    </message>
    <message>
        <source>the current model&apos;s trained weights</source>
        <translation>geçerli modelin eğitilmiş ağırlıkları</translation>
    </message>
    <message>
        <source>Exported and verified in {seconds:.1f} s.</source>
        <translation>{seconds:.1f} sn içinde aktarıldı ve doğrulandı.</translation>
    </message>
    <message>
        <source>ONNX checker (full check): {checker_message}</source>
        <translation>ONNX denetleyicisi (tam denetim): {checker_message}</translation>
    </message>
    <message>
        <source>✔ Verified: onnxruntime matches PyTorch. Wrote {name} ({size}, opset {opset}).</source>
        <translation>✔ Doğrulandı: onnxruntime, PyTorch ile aynı sonucu veriyor. {name} yazıldı ({size}, opset {opset}).</translation>
    </message>
    <message>
        <source>✘ Verification failed: the ONNX model written to {name} does not compute what PyTorch computes.</source>
        <translation>✘ Doğrulama başarısız: {name} dosyasına yazılan ONNX modeli PyTorch&apos;un hesapladığını hesaplamıyor.</translation>
    </message>
    <message>
        <source>Export failed.</source>
        <translation>Aktarma başarısız oldu.</translation>
    </message>
    <message>
        <source>ONNX checker: not run (nothing was exported)</source>
        <translation>ONNX denetleyicisi: çalıştırılmadı (hiçbir şey aktarılmadı)</translation>
    </message>
    <message>
        <source>✘ Export failed</source>
        <translation>✘ Aktarma başarısız</translation>
    </message>
    <message>
        <source>ONNX checker: running…</source>
        <translation>ONNX denetleyicisi: çalışıyor…</translation>
    </message>
    <message>
        <source>Export ONNX model</source>
        <translation>ONNX modelini aktar</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX modelleri (*.onnx);;Tüm dosyalar (*)</translation>
    </message>
</context>
<context>
    <name>FileManager</name>
    <message>
        <source>Cannot open project</source>
        <translation>Proje açılamıyor</translation>
    </message>
    <message>
        <source>{name} could not be opened.

{exc}</source>
        <translation>{name} açılamadı.

{exc}</translation>
    </message>
    <message>
        <source>Cannot open example</source>
        <translation>Örnek açılamıyor</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>Proje kaydedilemiyor</translation>
    </message>
    <message>
        <source>{path} could not be written.

{exc}</source>
        <translation>{path} yazılamadı.

{exc}</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Proje aç</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>Projeyi farklı kaydet</translation>
    </message>
</context>
<context>
    <name>FlowHeatmap</name>
    <message>
        <source>Layers × steps (log10 gradient norm)</source>
        <translation>Katmanlar × adımlar (log10 gradyan normu)</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>epok</translation>
    </message>
    <message>
        <source>log10 gradient norm</source>
        <translation>log10 gradyan normu</translation>
    </message>
</context>
<context>
    <name>GenerativeView</name>
    <message>
        <source>Shown while an autoencoder, VAE or GAN trains (training.objective).</source>
        <extracomment>the discriminator&apos;s map: purple (says fake) through white to green (says real) below this mean probability on fakes the discriminator has won samples spreading less than this fraction of the data&apos;s: the generator has collapsed the narrowest a wrapped plot title gets, in pixels</extracomment>
        <translation>Bir otokodlayıcı, VAE ya da GAN eğitilirken gösterilir (training.objective).</translation>
    </message>
    <message>
        <source>Latent space (mu) by class</source>
        <translation>Sınıfa göre gizil uzay (mu)</translation>
    </message>
    <message>
        <source>Per epoch</source>
        <translation>Epok başına</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>epok</translation>
    </message>
    <message>
        <source>Real (green), generated (purple), D&apos;s belief behind, arrows: G&apos;s moves</source>
        <translation>Gerçek (yeşil), üretilen (mor), arkada D&apos;nin kanısı, oklar: G&apos;nin hamleleri</translation>
    </message>
    <message>
        <source>Samples from fixed noise</source>
        <translation>Sabit gürültüden örnekler</translation>
    </message>
    <message>
        <source>Inputs (top) and reconstructions (below)</source>
        <translation>Girdiler (üstte) ve yeniden oluşturulanlar (altta)</translation>
    </message>
    <message>
        <source>Waiting for the first pictures...</source>
        <translation>İlk resimler bekleniyor...</translation>
    </message>
    <message>
        <source>The discriminator wins: it gives the fakes {value} on average (d_fake near 0), so the generator&apos;s gradient fades. Try a lower discriminator learning rate or a smaller discriminator.</source>
        <translation>Ayırt edici kazanıyor: sahtelere ortalama {value} veriyor (d_fake 0&apos;a yakın), bu yüzden üreticinin gradyanı sönüyor. Ayırt edici için daha düşük bir öğrenme oranı ya da daha küçük bir ayırt edici deneyin.</translation>
    </message>
    <message>
        <source>The generator may have collapsed to a few modes: its samples spread {percent}% as much as the data. Try a lower learning rate or more noise dimensions.</source>
        <translation>Üretici birkaç moda çökmüş olabilir: örnekleri verinin yalnızca %{percent} kadar yayılıyor. Daha düşük bir öğrenme oranı ya da daha fazla gürültü boyutu deneyin.</translation>
    </message>
    <message>
        <source>Waiting for the first epoch...</source>
        <translation>İlk epok bekleniyor...</translation>
    </message>
    <message>
        <source> (near the equilibrium d_real and d_fake both approach 0.5)</source>
        <translation> (dengeye yakınken d_real ve d_fake ikisi de 0.5&apos;e yaklaşır)</translation>
    </message>
</context>
<context>
    <name>GradientsView</name>
    <message>
        <source>The gradient norm of every layer is drawn here while a model trains: watch for layers whose gradients vanish or explode.</source>
        <extracomment>the curve plot has a legend only up to this many layers (beyond, the heat map names them) up to this many legend entries share one row (more take two rows) the least height of each plot (title row and axes included): below it, the panel scrolls instead. The three and the flags line fit the training dock of a 1280x720 window, with a finished run&apos;s one-line banner above the tabs (as the Curves tab does); a taller dock gives the extra room to the plots, the heat map&apos;s rows first. the title rows of the stacked plots: one line of title (pyqtgraph gives 30) the most layers the flags line names (the rest are in its tooltip) the most layer names on the heat map&apos;s axis (fewer when it is short) what the tab says while no run is shown (before the first, or after another project was opened)</extracomment>
        <translation>Bir model eğitilirken her katmanın gradyan normu burada çizilir: gradyanları kaybolan ya da patlayan katmanlara dikkat edin.</translation>
    </message>
    <message>
        <source>Gradient norm per layer</source>
        <translation>Katman başına gradyan normu</translation>
    </message>
    <message>
        <source>Layers × steps (log10 gradient norm)</source>
        <translation>Katmanlar × adımlar (log10 gradyan normu)</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>epok</translation>
    </message>
    <message>
        <source>log10 norm</source>
        <translation>log10 norm</translation>
    </message>
    <message>
        <source>Gradient norm by depth (latest step)</source>
        <translation>Derinliğe göre gradyan normu (son adım)</translation>
    </message>
    <message>
        <source>This model has no trainable layers.</source>
        <extracomment>shown instead of the plots while no run is shown: empty axes would keep the last run&apos;s scales (or pyqtgraph&apos;s 0..1) and read as a broken chart</extracomment>
        <translation>Bu modelde eğitilebilir katman yok.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{VANISHING_COLOUR}&apos;&gt;Vanishing gradients&lt;/b&gt; in {count} layer(s): {value} — their gradient norm is below {value2} of the last layer&apos;s.</source>
        <translation>&lt;b style=&apos;color:{VANISHING_COLOUR}&apos;&gt;Kaybolan gradyanlar&lt;/b&gt; {count} katmanda: {value} — gradyan normları son katmanınkinin {value2} altında.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{EXPLODING_COLOUR}&apos;&gt;Exploding gradients&lt;/b&gt; in {value} — norm above {value2} of the last layer&apos;s, or not finite.</source>
        <translation>&lt;b style=&apos;color:{EXPLODING_COLOUR}&apos;&gt;Patlayan gradyanlar&lt;/b&gt;: {value} — norm son katmanınkinin {value2} üstünde ya da sonlu değil.</translation>
    </message>
    <message>
        <source>Gradients flow to every layer (no layer far below or above the last one).</source>
        <translation>Gradyanlar her katmana ulaşıyor (hiçbir katman son katmanın çok altında ya da üstünde değil).</translation>
    </message>
</context>
<context>
    <name>GraphEditor</name>
    <message>
        <source>unknown layer type &apos;{type_name}&apos;</source>
        <translation>bilinmeyen katman türü &apos;{type_name}&apos;</translation>
    </message>
    <message>
        <source>a node id may not be empty</source>
        <translation>düğüm kimliği boş olamaz</translation>
    </message>
    <message>
        <source>a node with id &apos;{new_id}&apos; already exists</source>
        <translation>&apos;{new_id}&apos; kimlikli bir düğüm zaten var</translation>
    </message>
    <message>
        <source>cannot connect &apos;{src}&apos; to itself</source>
        <translation>&apos;{src}&apos; kendisine bağlanamaz</translation>
    </message>
    <message>
        <source>&apos;{src}&apos; is the Output: it has no outgoing connection</source>
        <translation>&apos;{src}&apos; Output düğümüdür: çıkan bağlantısı olamaz</translation>
    </message>
    <message>
        <source>&apos;{dst}&apos; is the {type}: it takes no input</source>
        <translation>&apos;{dst}&apos; bir {type} düğümüdür: girdi almaz</translation>
    </message>
    <message>
        <source>&apos;{src}&apos; is already connected to &apos;{dst}&apos;</source>
        <translation>&apos;{src}&apos; zaten &apos;{dst}&apos; düğümüne bağlı</translation>
    </message>
    <message>
        <source>connecting &apos;{src}&apos; to &apos;{dst}&apos; would create a cycle</source>
        <translation>&apos;{src}&apos; düğümünü &apos;{dst}&apos; düğümüne bağlamak bir döngü oluşturur</translation>
    </message>
    <message>
        <source>&apos;{src}&apos; now has {sized} outputs, one per class of the data</source>
        <translation>&apos;{src}&apos; artık {sized} çıktıya sahip: verideki her sınıf için bir tane</translation>
    </message>
    <message>
        <source>&apos;{dst}&apos; now reads from &apos;{src}&apos; instead of &apos;{src2}&apos;</source>
        <translation>&apos;{dst}&apos; artık &apos;{src2}&apos; yerine &apos;{src}&apos; düğümünden okuyor</translation>
    </message>
    <message>
        <source>cannot feed {got} into &apos;{dst}&apos;: {exc}</source>
        <translation>{got} &apos;{dst}&apos; düğümüne verilemiyor: {exc}</translation>
    </message>
    <message>
        <source>Auto layout</source>
        <translation>Otomatik yerleşim</translation>
    </message>
    <message>
        <source>identity skip</source>
        <translation>özdeşlik atlaması</translation>
    </message>
    <message>
        <source>{type} projection</source>
        <translation>{type} izdüşümü</translation>
    </message>
    <message>
        <source>Wrap {count} layer(s) in a residual block</source>
        <translation>{count} katmanı bir artık bloğa sar</translation>
    </message>
    <message>
        <source>wrapped {value} in a residual block ({what})</source>
        <translation>{value} bir artık bloğa sarıldı ({what})</translation>
    </message>
    <message>
        <source>cannot paste: {exc}</source>
        <translation>yapıştırılamıyor: {exc}</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Çoğalt</translation>
    </message>
</context>
<context>
    <name>GroupFrame</name>
    <message>
        <source>Group &apos;{label}&apos;: click its header to collapse it into one block</source>
        <translation>&apos;{label}&apos; grubu: tek bir bloğa daraltmak için başlığına tıklayın</translation>
    </message>
</context>
<context>
    <name>HistogramsView</name>
    <message>
        <source>The layer whose parameters are shown (follows the editor&apos;s selection)</source>
        <translation>Parametreleri gösterilen katman (düzenleyicideki seçimi izler)</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>Katman:</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Ağırlıklar</translation>
    </message>
    <message>
        <source>Gradients (latest step)</source>
        <translation>Gradyanlar (son adım)</translation>
    </message>
    <message>
        <source>{parameter_count:,} parameters · weight std ≈ {spread:.3g} · step {step}</source>
        <translation>{parameter_count:,} parametre · ağırlık std ≈ {spread:.3g} · adım {step}</translation>
    </message>
</context>
<context>
    <name>ImagesView</name>
    <message>
        <source>The node whose feature maps are shown (any node with a [C, H, W] output)</source>
        <translation>Öznitelik haritaları gösterilen düğüm ([C, H, W] çıktılı herhangi bir düğüm)</translation>
    </message>
    <message>
        <source>Which validation sample to look at</source>
        <translation>İncelenecek doğrulama örneği</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Overlay where the chosen node holds evidence for the class (Selvaraju et al. 2017)</source>
        <translation>Seçilen düğümün sınıf için kanıt taşıdığı yerleri üstüne çiz (Selvaraju vd. 2017)</translation>
    </message>
    <message>
        <source>The class Grad-CAM explains</source>
        <translation>Grad-CAM&apos;in açıkladığı sınıf</translation>
    </message>
    <message>
        <source>Node:</source>
        <translation>Düğüm:</translation>
    </message>
    <message>
        <source>Sample:</source>
        <translation>Örnek:</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Örnek</translation>
    </message>
    <message>
        <source>First convolution&apos;s filters</source>
        <translation>İlk evrişimin filtreleri</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>Öznitelik haritaları</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>tahmin edilen sınıf</translation>
    </message>
    <message>
        <source>Feature maps are shown for models with convolutional layers.</source>
        <translation>Öznitelik haritaları evrişim katmanları olan modeller için gösterilir.</translation>
    </message>
    <message>
        <source>Sample {index} (true {truth})</source>
        <translation>Örnek {index} (gerçek {truth})</translation>
    </message>
    <message>
        <source>{node_id}: {count} filters {size}</source>
        <translation>{node_id}: {count} filtre {size}</translation>
    </message>
    <message>
        <source> (mean of inputs)</source>
        <translation> (girdilerin ortalaması)</translation>
    </message>
    <message>
        <source>Feature maps of {node_id}: {count} × {value}×{value2}</source>
        <translation>{node_id} öznitelik haritaları: {count} × {value}×{value2}</translation>
    </message>
    <message>
        <source>Predicted {predicted} ({value:.0f}%). Grad-CAM of class {explained} at &apos;{node_id}&apos;</source>
        <translation>Tahmin {predicted} (%{value:.0f}). &apos;{node_id}&apos; düğümünde {explained} sınıfının Grad-CAM&apos;i</translation>
    </message>
    <message>
        <source>: no positive evidence at this node (try an earlier one)</source>
        <translation>: bu düğümde olumlu kanıt yok (daha önceki bir düğümü deneyin)</translation>
    </message>
</context>
<context>
    <name>ImportJob</name>
    <message>
        <source>the imported project does not reproduce the model under onnxruntime (relative difference {relative}); nothing was written</source>
        <extracomment>the stage before the pipeline&apos;s own: its libraries load (on the first import of the process) the stages of :func:`dlplayground.onnx_import.import_model`, the same as its ``STAGES`` (a test checks): named here so that the dialog can show them without loading onnx to ask the stage after the pipeline&apos;s: the project and its weights are written every stage of an import, in order the modules loaded in the :data:`LIBRARIES` stage</extracomment>
        <translation>içe aktarılan proje, modelin onnxruntime altındaki çıktılarını yeniden üretmiyor (göreli fark {relative}); hiçbir şey yazılmadı</translation>
    </message>
    <message>
        <source>unexpected error: {kind}: {message}</source>
        <translation>beklenmeyen hata: {kind}: {message}</translation>
    </message>
</context>
<context>
    <name>ImportProgress</name>
    <message>
        <source>Import ONNX model</source>
        <translation>ONNX modelini içe aktar</translation>
    </message>
    <message>
        <source>Importing {name}</source>
        <translation>{name} içe aktarılıyor</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Başlatılıyor…</translation>
    </message>
    <message>
        <source>Stage %v of %m</source>
        <translation>Aşama %v / %m</translation>
    </message>
    <message>
        <source>Loading the ONNX libraries (onnx, onnxruntime)…</source>
        <translation>ONNX kütüphaneleri yükleniyor (onnx, onnxruntime)…</translation>
    </message>
    <message>
        <source>Reading the model file…</source>
        <translation>Model dosyası okunuyor…</translation>
    </message>
    <message>
        <source>Preparing the graph: upgrading its opset, folding constants…</source>
        <translation>Grafik hazırlanıyor: opset yükseltiliyor, sabitler katlanıyor…</translation>
    </message>
    <message>
        <source>Mapping the operators onto layers…</source>
        <translation>Operatörler katmanlara eşleniyor…</translation>
    </message>
    <message>
        <source>Checking the project against onnxruntime…</source>
        <translation>Proje onnxruntime ile karşılaştırılarak denetleniyor…</translation>
    </message>
    <message>
        <source>Writing the project and its weights…</source>
        <translation>Proje ve ağırlıkları yazılıyor…</translation>
    </message>
    <message>
        <source>The files are being written; the import completes</source>
        <translation>Dosyalar yazılıyor; içe aktarma tamamlanacak</translation>
    </message>
    <message>
        <source>Cancelling: the import stops after the current stage, writing nothing…</source>
        <translation>İptal ediliyor: içe aktarma, hiçbir şey yazmadan, geçerli aşamadan sonra durur…</translation>
    </message>
</context>
<context>
    <name>InferencePanel</name>
    <message>
        <source>Open ONNX model…</source>
        <extracomment>the input shape the drawing canvas produces side of a dataset sample&apos;s picture, and of the drawing&apos;s 8x8 &quot;what the model sees&quot; (6 px a cell) input beside the prediction when the panel is at least this wide for its height, and this wide pixels a size must pass a threshold by to switch layouts (a scroll bar coming and going changes the width a little: no flip-flopping) a thin frame, so that a white (zero) cell at the edge still reads as part of the image</extracomment>
        <translation>ONNX modeli aç…</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>Yüklü model yok</translation>
    </message>
    <message>
        <source>Dataset sample</source>
        <translation>Veri kümesi örneği</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>Bir rakam çizin</translation>
    </message>
    <message>
        <source>Latent sliders</source>
        <translation>Gizil uzay sürgüleri</translation>
    </message>
    <message>
        <source>sample </source>
        <extracomment>a generated image (the output of a generator or decoder on the sliders&apos; point)</extracomment>
        <translation>örnek </translation>
    </message>
    <message>
        <source>Which validation sample to run (raw values, as stored in the dataset)</source>
        <translation>Çalıştırılacak doğrulama örneği (veri kümesinde saklandığı gibi ham değerler)</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Rastgele</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Temizle</translation>
    </message>
    <message>
        <source>What the model sees: the drawing as an 8x8 image, values 0..16</source>
        <translation>Modelin gördüğü: 8x8 görüntü olarak çizim, değerler 0..16</translation>
    </message>
    <message>
        <source>Model input:</source>
        <translation>Model girdisi:</translation>
    </message>
    <message>
        <source>&lt;b&gt;{value}&lt;/b&gt; &amp;nbsp; {value2}</source>
        <translation>&lt;b&gt;{value}&lt;/b&gt; &amp;nbsp; {value2}</translation>
    </message>
    <message>
        <source>exported by dlplayground {version}</source>
        <translation>dlplayground {version} ile aktarıldı</translation>
    </message>
    <message>
        <source>Only for models taking [1, 8, 8] images</source>
        <translation>Yalnızca [1, 8, 8] görüntü alan modeller için</translation>
    </message>
    <message>
        <source>no dataset samples: {exc}</source>
        <translation>veri kümesi örneği yok: {exc}</translation>
    </message>
    <message>
        <source>No dataset with this input shape: use set_dataset or draw.</source>
        <translation>Bu girdi şekline sahip veri kümesi yok: set_dataset kullanın ya da çizin.</translation>
    </message>
    <message>
        <source> · true class: &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation> · gerçek sınıf: &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>validation sample {index} of {count}{truth}{values}</source>
        <translation>doğrulama örneği {index} / {count}{truth}{values}</translation>
    </message>
    <message>
        <source>onnxruntime failed: {value}</source>
        <translation>onnxruntime başarısız oldu: {value}</translation>
    </message>
    <message>
        <source>Prediction: {value} ({value2:.1%})</source>
        <translation>Tahmin: {value} ({value2:.1%})</translation>
    </message>
    <message>
        <source>Generated image {shape}</source>
        <translation>Üretilen görüntü {shape}</translation>
    </message>
    <message>
        <source>Output: {value}</source>
        <translation>Çıktı: {value}</translation>
    </message>
    <message>
        <source>Open ONNX model</source>
        <translation>ONNX modeli aç</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX modelleri (*.onnx);;Tüm dosyalar (*)</translation>
    </message>
</context>
<context>
    <name>InspectorWidget</name>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{count} nodes selected.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Copy, duplicate or delete them together, or wrap a selected chain in a residual block (&lt;i&gt;Edit › Wrap in Residual Block&lt;/i&gt;).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{count} düğüm seçili.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Onları birlikte kopyalayın, çoğaltın ya da silin; seçili bir zinciri artık bloğa da sarabilirsiniz (&lt;i&gt;Düzen › Artık Bloğa Sar&lt;/i&gt;).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{colour}; font-size:15pt&apos;&gt;■&lt;/span&gt; &lt;span style=&apos;font-size:13pt; font-weight:600&apos;&gt;{value}&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{colour}; font-size:15pt&apos;&gt;■&lt;/span&gt; &lt;span style=&apos;font-size:13pt; font-weight:600&apos;&gt;{value}&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Unknown layer type: it cannot be built.</source>
        <translation>Bilinmeyen katman türü: oluşturulamaz.</translation>
    </message>
    <message>
        <source>The node&apos;s id: names its weights, gradients and ONNX node</source>
        <translation>Düğümün kimliği: ağırlıklarını, gradyanlarını ve ONNX düğümünü adlandırır</translation>
    </message>
    <message>
        <source>id</source>
        <translation>kimlik</translation>
    </message>
    <message>
        <source>inputs</source>
        <translation>girdiler</translation>
    </message>
    <message>
        <source>output</source>
        <translation>çıktı</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>parametreler</translation>
    </message>
    <message>
        <source>train its weights</source>
        <translation>ağırlıklarını eğit</translation>
    </message>
    <message>
        <source>Unchecked: the node is frozen (&quot;trainable&quot;: false): training leaves its weights as they are, e.g. the pretrained weights an imported model starts from (training.init)</source>
        <translation>İşaretsiz: düğüm dondurulmuştur (&quot;trainable&quot;: false): eğitim ağırlıklarına dokunmaz; örneğin içe aktarılmış bir modelin başladığı önceden eğitilmiş ağırlıklar (training.init)</translation>
    </message>
    <message>
        <source>trainable</source>
        <translation>eğitilebilir</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parametreler</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>bilinmiyor</translation>
    </message>
</context>
<context>
    <name>LatentSliders</name>
    <message>
        <source>Centre</source>
        <extracomment>latent spaces up to this size get sliders slider range in standard deviations, and steps per unit</extracomment>
        <translation>Ortala</translation>
    </message>
    <message>
        <source>Every dimension back to 0, the middle of the prior</source>
        <translation>Her boyut 0&apos;a, yani önsel dağılımın ortasına döner</translation>
    </message>
    <message>
        <source>Move a slider: the model&apos;s output follows.</source>
        <translation>Bir kaydırıcıyı oynatın: modelin çıktısı onu izler.</translation>
    </message>
</context>
<context>
    <name>LessonsDialog</name>
    <message>
        <source>Lessons</source>
        <translation>Dersler</translation>
    </message>
    <message>
        <source>No lesson yet: {value}</source>
        <translation>Henüz ders yok: {value}</translation>
    </message>
    <message>
        <source>Open and Start</source>
        <translation>Aç ve Başlat</translation>
    </message>
    <message>
        <source>Compares {example} with {pair}, side by side</source>
        <translation>{example} ile {pair} yan yana karşılaştırılır</translation>
    </message>
    <message>
        <source>Trains it in the window with the Generative view open</source>
        <translation>Üretici görünümü açıkken pencerede eğitir</translation>
    </message>
    <message>
        <source>Trains it in the window with the Filters &amp;amp; maps view open</source>
        <translation>Filtreler ve haritalar görünümü açıkken pencerede eğitir</translation>
    </message>
    <message>
        <source>&lt;h3&gt;{title}&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Project:&lt;/b&gt; {example}&lt;br&gt;&lt;b&gt;{how}&lt;/b&gt;{value}&lt;/p&gt;&lt;p&gt;&lt;b&gt;What to watch:&lt;/b&gt; {watch}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;{title}&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Proje:&lt;/b&gt; {example}&lt;br&gt;&lt;b&gt;{how}&lt;/b&gt;{value}&lt;/p&gt;&lt;p&gt;&lt;b&gt;Neye bakmalı:&lt;/b&gt; {watch}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Layers</source>
        <extracomment>first-start panel sizes (px); later starts restore the user&apos;s own layout below this window width the tool bars show icons without text the least share of the window&apos;s height the canvas keeps when the window gets short the window&apos;s size on a first start, shrunk to fit smaller screens the least zoom at which an opened project is fitted (an overview, where 0.8 is readable) top-level menus in order; menus created later by name go before Help asked before the window closes (before unsaved changes); any False keeps it open. Extensions add theirs (training asks whether to stop a run). panels built when first needed (see :meth:`add_lazy_panel`)</extracomment>
        <translation>Katmanlar</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Denetçi</translation>
    </message>
    <message>
        <source>Data &amp;&amp; Training</source>
        <translation>Veri ve Eğitim</translation>
    </message>
    <message>
        <source>Problems &amp;&amp; Summary</source>
        <translation>Sorunlar ve Özet</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Dosya</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Dü&amp;zen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Görünüm</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Eğitim</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Araçlar</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Yardım</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Yeni</translation>
    </message>
    <message>
        <source>Start a new project</source>
        <translation>Yeni bir proje başlat</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Aç…</translation>
    </message>
    <message>
        <source>Open a project file</source>
        <translation>Bir proje dosyası aç</translation>
    </message>
    <message>
        <source>&amp;Examples…</source>
        <translation>Ö&amp;rnekler…</translation>
    </message>
    <message>
        <source>Open one of the example projects</source>
        <translation>Örnek projelerden birini aç</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Kaydet</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>Projeyi kaydet</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>&amp;Farklı Kaydet…</translation>
    </message>
    <message>
        <source>Save the project under a new name</source>
        <translation>Projeyi yeni bir adla kaydet</translation>
    </message>
    <message>
        <source>Export Diagram as &amp;PNG…</source>
        <translation>Diyagramı &amp;PNG Olarak Aktar…</translation>
    </message>
    <message>
        <source>Save a picture of the whole graph</source>
        <translation>Tüm grafiğin resmini kaydet</translation>
    </message>
    <message>
        <source>Export Diagram as S&amp;VG…</source>
        <translation>Diyagramı S&amp;VG Olarak Aktar…</translation>
    </message>
    <message>
        <source>Save a vector picture of the whole graph</source>
        <translation>Tüm grafiğin vektörel resmini kaydet</translation>
    </message>
    <message>
        <source>Export &amp;Training Script…</source>
        <translation>&amp;Eğitim Betiğini Aktar…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Çı&amp;kış</translation>
    </message>
    <message>
        <source>Close the window</source>
        <translation>Pencereyi kapat</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Geri Al</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Yinele</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Geri Al</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Yinele</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>K&amp;es</translation>
    </message>
    <message>
        <source>Cut the selected nodes</source>
        <translation>Seçili düğümleri kes</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>K&amp;opyala</translation>
    </message>
    <message>
        <source>Copy the selected nodes and the edges between them</source>
        <translation>Seçili düğümleri ve aralarındaki kenarları kopyala</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>Ya&amp;pıştır</translation>
    </message>
    <message>
        <source>Paste nodes from the clipboard</source>
        <translation>Panodaki düğümleri yapıştır</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>Ç&amp;oğalt</translation>
    </message>
    <message>
        <source>Duplicate the selected nodes</source>
        <translation>Seçili düğümleri çoğalt</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Sil</translation>
    </message>
    <message>
        <source>Delete the selected nodes and connections</source>
        <translation>Seçili düğümleri ve bağlantıları sil</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Tümünü Seç</translation>
    </message>
    <message>
        <source>Select every node</source>
        <translation>Tüm düğümleri seç</translation>
    </message>
    <message>
        <source>&amp;Wrap in Residual Block</source>
        <translation>&amp;Artık Bloğa Sar</translation>
    </message>
    <message>
        <source>Add a skip connection around the selected chain of layers</source>
        <translation>Seçili katman zincirinin çevresine bir atlama bağlantısı ekle</translation>
    </message>
    <message>
        <source>&amp;Fit to View</source>
        <translation>Görünüme &amp;Sığdır</translation>
    </message>
    <message>
        <source>Show the whole graph</source>
        <translation>Tüm grafiği göster</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Yakınlaştır</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>&amp;Uzaklaştır</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Gerçek Boyut</translation>
    </message>
    <message>
        <source>Auto &amp;Layout</source>
        <translation>Otomatik &amp;Yerleşim</translation>
    </message>
    <message>
        <source>Arrange the graph in columns</source>
        <translation>Grafiği sütunlara yerleştir</translation>
    </message>
    <message>
        <source>&amp;About dlplayground</source>
        <translation>dlplayground &amp;Hakkında</translation>
    </message>
    <message>
        <source>Versions and credits</source>
        <translation>Sürümler ve emeği geçenler</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Son Açılanlar</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Paneller</translation>
    </message>
    <message>
        <source>Copied {count} node(s)</source>
        <translation>{count} düğüm kopyalandı</translation>
    </message>
    <message>
        <source>The clipboard holds no nodes to paste</source>
        <translation>Panoda yapıştırılacak düğüm yok</translation>
    </message>
    <message>
        <source>Export diagram as {value}</source>
        <translation>Diyagramı {value} olarak aktar</translation>
    </message>
    <message>
        <source>{value} image (*.{kind})</source>
        <translation>{value} görüntüsü (*.{kind})</translation>
    </message>
    <message>
        <source>Cannot export diagram</source>
        <translation>Diyagram aktarılamıyor</translation>
    </message>
    <message>
        <source>{path} could not be written.

{exc}</source>
        <translation>{path} yazılamadı.

{exc}</translation>
    </message>
    <message>
        <source>Diagram saved to {written}</source>
        <translation>Diyagram {written} konumuna kaydedildi</translation>
    </message>
    <message>
        <source>{display_name}[*] — dlplayground</source>
        <translation>{display_name}[*] — dlplayground</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{colour}&apos;&gt;⚠ {count} problem(s): cannot train&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{colour}&apos;&gt;⚠ {count} sorun: eğitilemez&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#15803d&apos;&gt;✓ valid model&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#15803d&apos;&gt;✓ geçerli model&lt;/span&gt;</translation>
    </message>
    <message>
        <source>The model can be built and trained; a run is under way</source>
        <translation>Model oluşturulabilir ve eğitilebilir; bir eğitim sürüyor</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#15803d&apos;&gt;✓ valid model: ready to train&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#15803d&apos;&gt;✓ geçerli model: eğitime hazır&lt;/span&gt;</translation>
    </message>
    <message>
        <source>The model can be built and trained</source>
        <translation>Model oluşturulabilir ve eğitilebilir</translation>
    </message>
    <message>
        <source>{total_params:,} parameters</source>
        <translation>{total_params:,} parametre</translation>
    </message>
    <message>
        <source>The graph is wider than the view: View › Auto Layout (Ctrl+L) wraps it into rows</source>
        <translation>Grafik görünümden geniş: Görünüm › Otomatik Yerleşim (Ctrl+L) onu satırlara böler</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>Son Açılanları Temizle</translation>
    </message>
</context>
<context>
    <name>Minimap</name>
    <message>
        <source>Overview of the whole graph: click or drag to move the view (View › Minimap, Ctrl+M)</source>
        <translation>Tüm grafiğin özeti: görünümü taşımak için tıklayın ya da sürükleyin (Görünüm › Mini Harita, Ctrl+M)</translation>
    </message>
</context>
<context>
    <name>MlpShapeWidget</name>
    <message>
        <source>Network shape</source>
        <extracomment>the widths a new hidden layer and a new network&apos;s first hidden layer get the most hidden layers and neurons the buttons go to (TensorFlow Playground stops at 6 and 8; ours trains on the CPU in a second or two per epoch well beyond that) the column spacing of a chain laid out without positions</extracomment>
        <translation>Ağ yapısı</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>Gizli katmanlar</translation>
    </message>
    <message>
        <source>{width} neurons</source>
        <translation>{width} nöron</translation>
    </message>
    <message>
        <source>Remove a hidden layer</source>
        <translation>Bir gizli katmanı kaldır</translation>
    </message>
    <message>
        <source>Add a hidden layer</source>
        <translation>Bir gizli katman ekle</translation>
    </message>
    <message>
        <source>Remove a neuron from {key}</source>
        <translation>{key} katmanından bir nöron çıkar</translation>
    </message>
    <message>
        <source>Add a neuron to {key}</source>
        <translation>{key} katmanına bir nöron ekle</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <source>Boundary</source>
        <translation>Sınır</translation>
    </message>
    <message>
        <source>Neurons</source>
        <translation>Nöronlar</translation>
    </message>
    <message>
        <source>Filters &amp;&amp; maps</source>
        <translation>Filtreler ve haritalar</translation>
    </message>
    <message>
        <source>Confusion</source>
        <translation>Karışıklık</translation>
    </message>
    <message>
        <source>Generative</source>
        <translation>Üretici</translation>
    </message>
    <message>
        <source>The decision boundary of a 2-D dataset</source>
        <translation>2 boyutlu bir veri kümesinin karar sınırı</translation>
    </message>
    <message>
        <source>The first convolution&apos;s filters, a sample&apos;s feature maps and Grad-CAM</source>
        <translation>İlk evrişimin filtreleri, bir örneğin öznitelik haritaları ve Grad-CAM</translation>
    </message>
    <message>
        <source>What each hidden neuron computes over the plane of a 2-D dataset</source>
        <translation>Her gizli nöronun 2 boyutlu bir veri kümesinin düzlemi üzerinde ne hesapladığı</translation>
    </message>
    <message>
        <source>The confusion matrix on the validation set</source>
        <translation>Doğrulama kümesindeki karışıklık matrisi</translation>
    </message>
    <message>
        <source>An autoencoder&apos;s, VAE&apos;s or GAN&apos;s samples and curves, live</source>
        <translation>Bir otokodlayıcının, VAE&apos;nin ya da GAN&apos;ın örnekleri ve eğrileri, canlı</translation>
    </message>
</context>
<context>
    <name>NetworkTabs</name>
    <message>
        <source>Generator</source>
        <translation>Üretici</translation>
    </message>
    <message>
        <source>Discriminator</source>
        <translation>Ayırt edici</translation>
    </message>
    <message>
        <source>noise </source>
        <translation>gürültü </translation>
    </message>
    <message>
        <source>Each step trains the discriminator (real 1, fake 0), then the generator (its fakes labelled 1). The generator&apos;s output must be a data sample, the discriminator&apos;s one logit.</source>
        <translation>Her adım önce ayırt ediciyi (gerçek 1, sahte 0), sonra üreticiyi (sahteleri 1 etiketli) eğitir. Üreticinin çıktısı bir veri örneği, ayırt edicininki tek bir logit olmalı.</translation>
    </message>
</context>
<context>
    <name>NeuronsView</name>
    <message>
        <source>Each map: one neuron&apos;s output over the input plane (orange negative, blue positive, scaled per layer), updated as the network trains.</source>
        <extracomment>the map labels by (layer row, neuron); rebuilt when the layers change</extracomment>
        <translation>Her harita: bir nöronun girdi düzlemi üzerindeki çıktısı (turuncu negatif, mavi pozitif, katman başına ölçeklenir); ağ eğitildikçe güncellenir.</translation>
    </message>
    <message>
        <source>Neuron maps are drawn for datasets of 2-D points.</source>
        <translation>Nöron haritaları, 2 boyutlu noktalardan oluşan veri kümeleri için çizilir.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{node_id}&lt;/b&gt;&lt;br&gt;{width} neurons</source>
        <translation>&lt;b&gt;{node_id}&lt;/b&gt;&lt;br&gt;{width} nöron</translation>
    </message>
    <message>
        <source>&lt;b&gt;{node_id}&lt;/b&gt;&lt;br&gt;{shown} of {width} neurons</source>
        <translation>&lt;b&gt;{node_id}&lt;/b&gt;&lt;br&gt;{width} nörondan {shown} tanesi</translation>
    </message>
    <message>
        <source>{node_id}, neuron {index}</source>
        <translation>{node_id}, nöron {index}</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>shape from the data</source>
        <translation>şekil veriden gelir</translation>
    </message>
    <message>
        <source>model input</source>
        <translation>model girdisi</translation>
    </message>
    <message>
        <source>shape unknown</source>
        <translation>şekil bilinmiyor</translation>
    </message>
    <message>
        <source>model output</source>
        <translation>model çıktısı</translation>
    </message>
    <message>
        <source>? params</source>
        <translation>? parametre</translation>
    </message>
    <message>
        <source>{value} params</source>
        <translation>{value} parametre</translation>
    </message>
    <message>
        <source>no params</source>
        <translation>parametre yok</translation>
    </message>
    <message>
        <source>Unknown layer type.</source>
        <translation>Bilinmeyen katman türü.</translation>
    </message>
    <message>
        <source>Output: {shape}</source>
        <translation>Çıktı: {shape}</translation>
    </message>
    <message>
        <source>Frozen: training leaves its weights as they are (uncheck &lt;i&gt;trainable&lt;/i&gt; in the Inspector to change that)</source>
        <translation>Dondurulmuş: eğitim ağırlıklarına dokunmaz (değiştirmek için Denetçi&apos;de &lt;i&gt;eğitilebilir&lt;/i&gt; işaretini kaldırın)</translation>
    </message>
</context>
<context>
    <name>OnnxImport</name>
    <message>
        <source>&amp;Import ONNX…</source>
        <extracomment>window setting: the folder of the last imported model</extracomment>
        <translation>ONNX&apos;ten &amp;İçe Aktar…</translation>
    </message>
    <message>
        <source>Open an ONNX model as an editable project: its layers on the canvas, its weights as the starting point of training (training.init)</source>
        <translation>Bir ONNX modelini düzenlenebilir bir proje olarak açın: katmanları tuvalde, ağırlıkları eğitimin başlangıç noktası olarak (training.init)</translation>
    </message>
    <message>
        <source>Import ONNX model</source>
        <translation>ONNX modelini içe aktar</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX modelleri (*.onnx);;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <source>Save the imported project as</source>
        <translation>İçe aktarılan projeyi farklı kaydet</translation>
    </message>
    <message>
        <source>dlplayground projects (*.dlp.json)</source>
        <translation>dlplayground projeleri (*.dlp.json)</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>{name} içe aktarılıyor…</translation>
    </message>
    <message>
        <source>Imported {count} layers from {model}; weights in {weights} (training starts from them). Uncheck &apos;trainable&apos; in the Inspector to freeze a layer.</source>
        <translation>{model} dosyasından {count} katman içe aktarıldı; ağırlıklar {weights} dosyasında (eğitim bunlardan başlar). Bir katmanı dondurmak için Denetçi&apos;de &apos;trainable&apos; işaretini kaldırın.</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>İçe aktarma başarısız oldu</translation>
    </message>
    <message>
        <source>Cannot import the model</source>
        <translation>Model içe aktarılamıyor</translation>
    </message>
    <message>
        <source>Import of {name} cancelled; nothing was written</source>
        <translation>{name} içe aktarımı iptal edildi; hiçbir şey yazılmadı</translation>
    </message>
</context>
<context>
    <name>OnnxUi</name>
    <message>
        <source>Export &amp;ONNX…</source>
        <translation>&amp;ONNX&apos;e Aktar…</translation>
    </message>
    <message>
        <source>Inference</source>
        <translation>Çıkarım</translation>
    </message>
    <message>
        <source>Fix the project&apos;s {count} before exporting it to ONNX (first: {value})</source>
        <translation>ONNX&apos;e aktarmadan önce projenin {count} düzeltin (ilki: {value})</translation>
    </message>
    <message>
        <source>⚠ Cannot export: {value}</source>
        <translation>⚠ Aktarılamıyor: {value}</translation>
    </message>
    <message>
        <source>⚠ {name} failed verification: not loaded into the Inference panel</source>
        <translation>⚠ {name} doğrulamadan geçemedi: Çıkarım paneline yüklenmedi</translation>
    </message>
    <message>
        <source>⚠ {name} was exported, but the Inference panel cannot load it</source>
        <translation>⚠ {name} aktarıldı ama Çıkarım paneli onu yükleyemiyor</translation>
    </message>
    <message>
        <source>{value} Loaded into the Inference panel.</source>
        <translation>{value} Çıkarım paneline yüklendi.</translation>
    </message>
    <message>
        <source>Exported {name}: loaded into the Inference panel</source>
        <translation>{name} aktarıldı: Çıkarım paneline yüklendi</translation>
    </message>
    <message>
        <source>No samples from the project&apos;s dataset: {message}</source>
        <translation>Projenin veri kümesinden örnek yok: {message}</translation>
    </message>
</context>
<context>
    <name>PaletteWidget</name>
    <message>
        <source>Search layers…</source>
        <translation>Katman ara…</translation>
    </message>
    <message>
        <source>&lt;b&gt;{type}&lt;/b&gt;&lt;br&gt;{doc}</source>
        <translation>&lt;b&gt;{type}&lt;/b&gt;&lt;br&gt;{doc}</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>No parameters.</source>
        <translation>Parametre yok.</translation>
    </message>
</context>
<context>
    <name>PortItem</name>
    <message>
        <source>Drag to an input to connect</source>
        <extracomment>room left of a card for the names of its input ports (a Reparameterize&apos;s mu and logvar)</extracomment>
        <translation>Bağlamak için bir girdiye sürükleyin</translation>
    </message>
</context>
<context>
    <name>RunsView</name>
    <message>
        <source>Select two or more runs (Ctrl+click) to compare their curves</source>
        <translation>Eğrilerini karşılaştırmak için iki ya da daha fazla eğitim seçin (Ctrl+tık)</translation>
    </message>
    <message>
        <source>Open run folder</source>
        <translation>Eğitim klasörünü aç</translation>
    </message>
    <message>
        <source>Finished runs are kept here and saved as run folders.</source>
        <translation>Biten eğitimler burada tutulur ve eğitim klasörleri olarak kaydedilir.</translation>
    </message>
    <message>
        <source>Loss of the selected runs</source>
        <translation>Seçili eğitimlerin kaybı</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>epok</translation>
    </message>
    <message>
        <source>Validation accuracy of the selected runs</source>
        <translation>Seçili eğitimlerin doğrulama doğruluğu</translation>
    </message>
    <message>
        <source>Run folder: {folder}</source>
        <translation>Eğitim klasörü: {folder}</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>The project&apos;s name (the window title and run folders use it)</source>
        <extracomment>form labels where the key&apos;s last part alone would be unclear</extracomment>
        <translation>Projenin adı (pencere başlığı ve eğitim klasörleri bunu kullanır)</translation>
    </message>
    <message>
        <source>Project name</source>
        <translation>Proje adı</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Veri kümesi</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Eğitim</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zamanlama</translation>
    </message>
    <message>
        <source>Changes the learning rate as training goes on</source>
        <translation>Eğitim ilerledikçe öğrenme oranını değiştirir</translation>
    </message>
    <message>
        <source>stop when the metric stalls</source>
        <translation>ölçüt iyileşmeyi bırakınca dur</translation>
    </message>
    <message>
        <source>Stop training when the monitored metric has not improved for &apos;patience&apos; epochs</source>
        <translation>İzlenen ölçüt &apos;patience&apos; epok boyunca iyileşmezse eğitimi durdur</translation>
    </message>
    <message>
        <source>early stop</source>
        <translation>erken durdurma</translation>
    </message>
    <message>
        <source>Validates on the dataset&apos;s official test split (&quot;val_split&quot;: &quot;test&quot;)</source>
        <translation>Veri kümesinin resmî test bölümünde doğrular (&quot;val_split&quot;: &quot;test&quot;)</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{value}&apos;&gt;⚠ {value2}&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{value}&apos;&gt;⚠ {value2}&lt;/span&gt;</translation>
    </message>
    <message>
        <source>input [{value}]</source>
        <translation>girdi [{value}]</translation>
    </message>
    <message>
        <source>input unknown</source>
        <translation>girdi bilinmiyor</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{value}&apos;&gt;{value2}&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{value}&apos;&gt;{value2}&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>Problem</source>
        <translation>Sorun</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Düğümler</translation>
    </message>
    <message>
        <source>No problems: the model can be built and trained.</source>
        <translation>Sorun yok: model oluşturulabilir ve eğitilebilir.</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Düğüm</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tür</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Çıktı şekli</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parametreler</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Sorunlar</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Özet</translation>
    </message>
    <message>
        <source>{kind}: {message}</source>
        <translation>{kind}: {message}</translation>
    </message>
    <message>
        <source>Problems ({count})</source>
        <translation>Sorunlar ({count})</translation>
    </message>
    <message>
        <source> · output {shape}</source>
        <translation> · çıktı {shape}</translation>
    </message>
    <message>
        <source>  Total parameters: {total_params:,}{output}</source>
        <translation>  Toplam parametre: {total_params:,}{output}</translation>
    </message>
</context>
<context>
    <name>SweepDialog</name>
    <message>
        <source>Hyperparameter Sweep</source>
        <translation>Hiperparametre Taraması</translation>
    </message>
    <message>
        <source>A JSON object: each key a setting&apos;s dotted path in the project, each value its distribution:
{&quot;float&quot;: [low, high]} or {&quot;int&quot;: [low, high]}, with &quot;log&quot;: true for a log scale,
or {&quot;choice&quot;: [value, ...]}. Example: &quot;training.optimizer.lr&quot;: {&quot;float&quot;: [0.0001, 0.3], &quot;log&quot;: true}</source>
        <translation>Bir JSON nesnesi: her anahtar projedeki bir ayarın noktalı yolu, her değer onun dağılımı:
{&quot;float&quot;: [low, high]} ya da {&quot;int&quot;: [low, high]} (low: alt sınır, high: üst sınır), logaritmik ölçek için &quot;log&quot;: true ile,
ya da {&quot;choice&quot;: [value, ...]}. Örnek: &quot;training.optimizer.lr&quot;: {&quot;float&quot;: [0.0001, 0.3], &quot;log&quot;: true}</translation>
    </message>
    <message>
        <source>project&apos;s</source>
        <translation>projeninki</translation>
    </message>
    <message>
        <source>How many settings to try; Optuna&apos;s TPE sampler picks each from the results so far</source>
        <translation>Kaç ayar denensin; Optuna&apos;nın TPE örnekleyicisi her birini o ana kadarki sonuçlara göre seçer</translation>
    </message>
    <message>
        <source>Epochs each trial trains (the project&apos;s own number at the lowest value); trials that fall behind the median are pruned early</source>
        <translation>Her denemenin eğitildiği dönem sayısı (en düşük değerde projenin kendi sayısı); ortancanın gerisinde kalan denemeler erken budanır</translation>
    </message>
    <message>
        <source>What the sweep optimises: losses are minimised, accuracies maximised</source>
        <translation>Taramanın eniyilediği ölçüt: kayıplar en aza, doğruluklar en yükseğe götürülür</translation>
    </message>
    <message>
        <source>in memory; or sqlite:///study.db, journal:PATH</source>
        <translation>bellekte; ya da sqlite:///study.db, journal:YOL</translation>
    </message>
    <message>
        <source>Where the study is kept: empty keeps it in memory; a database or journal file lets several processes or machines add trials to one study</source>
        <translation>Çalışmanın tutulduğu yer: boş bırakılırsa bellekte tutulur; bir veritabanı ya da günlük dosyası, birden çok sürecin ya da makinenin aynı çalışmaya deneme eklemesini sağlar</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Başlat</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Durdur</translation>
    </message>
    <message>
        <source>Open Best Trial as Project</source>
        <translation>En İyi Denemeyi Proje Olarak Aç</translation>
    </message>
    <message>
        <source>Edit the search space (dotted paths to distributions), then Start.</source>
        <translation>Arama uzayını düzenleyin (dağılımlara noktalı yollar), sonra Başlat&apos;a basın.</translation>
    </message>
    <message>
        <source>Search space</source>
        <translation>Arama uzayı</translation>
    </message>
    <message>
        <source>Trials</source>
        <translation>Denemeler</translation>
    </message>
    <message>
        <source>Epochs per trial</source>
        <translation>Deneme başına epok</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Ölçüt</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Depolama</translation>
    </message>
    <message>
        <source>Objective by trial</source>
        <translation>Denemeye göre amaç değeri</translation>
    </message>
    <message>
        <source>Slice: setting against objective</source>
        <translation>Kesit: ayara karşı amaç değeri</translation>
    </message>
    <message>
        <source>Setting:</source>
        <translation>Ayar:</translation>
    </message>
    <message>
        <source>Cannot sweep: {exc}</source>
        <translation>Tarama yapılamıyor: {exc}</translation>
    </message>
    <message>
        <source>Running {trials} trials, optimising {metric}…</source>
        <translation>{trials} deneme çalışıyor, {metric} iyileştiriliyor…</translation>
    </message>
    <message>
        <source>trial</source>
        <translation>deneme</translation>
    </message>
    <message>
        <source>state</source>
        <translation>durum</translation>
    </message>
    <message>
        <source>; best: trial {number}, {metric} {value}</source>
        <translation>; en iyi: deneme {number}, {metric} {value}</translation>
    </message>
    <message>
        <source>Done: {count} trials, {done} complete, {value} pruned{best}</source>
        <translation>Bitti: {count} deneme, {done} tamamlandı, {value} budandı{best}</translation>
    </message>
    <message>
        <source>The sweep failed: {value}</source>
        <translation>Tarama başarısız oldu: {value}</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>Train</source>
        <extracomment>``DLPLAYGROUND_TRAINING=thread`` trains on a thread of the window&apos;s own process instead of a training process (slower: the window&apos;s drawing and the trainer then share one GIL) the session&apos;s runs (shared with every view that lists or uses them)</extracomment>
        <translation>Eğit</translation>
    </message>
    <message>
        <source>Train the project (continues from the last run&apos;s weights)</source>
        <translation>Projeyi eğit (son eğitimin ağırlıklarından devam eder)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Adım</translation>
    </message>
    <message>
        <source>Train one batch, then pause (starts a run when none is going on)</source>
        <translation>Bir yığın eğit, sonra duraklat (eğitim yoksa bir eğitim başlatır)</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epok</translation>
    </message>
    <message>
        <source>Train to the end of the epoch, then pause (starts a run when none is going on)</source>
        <translation>Epokun sonuna kadar eğit, sonra duraklat (eğitim yoksa bir eğitim başlatır)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Duraklat</translation>
    </message>
    <message>
        <source>Pause training after the current batch</source>
        <translation>Geçerli yığından sonra eğitimi duraklat</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Sürdür</translation>
    </message>
    <message>
        <source>Resume the paused run</source>
        <translation>Duraklatılan eğitimi sürdür</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Durdur</translation>
    </message>
    <message>
        <source>Stop the run and save its run folder</source>
        <translation>Eğitimi durdur ve eğitim klasörünü kaydet</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>Ağırlıkları sıfırla</translation>
    </message>
    <message>
        <source>Start the next run from fresh initial weights</source>
        <translation>Bir sonraki eğitimi yeni başlangıç ağırlıklarıyla başlat</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Curves</source>
        <extracomment>what an unbuilt view answers (as a fresh one would): a view nobody has shown or fed yet has nothing to draw, nothing to clear and no layer or node to choose from what a run feeds every view: held by an unbuilt one, built in idle time (not all at Train)</extracomment>
        <translation>Eğriler</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>Gradyanlar</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Katman</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Eğitimler</translation>
    </message>
</context>
<context>
    <name>TrainingStatus</name>
    <message>
        <source>Where the model trains (the project&apos;s training.device: auto picks CUDA, then Apple&apos;s MPS, then the CPU)</source>
        <extracomment>weight of the newest measurement in the speed&apos;s moving average seconds between two updates of the labels (a pause or the end shows at once)</extracomment>
        <translation>Modelin eğitildiği yer (projenin training.device ayarı: auto önce CUDA&apos;yı, sonra Apple MPS&apos;i, sonra CPU&apos;yu seçer)</translation>
    </message>
    <message>
        <source>Training samples per second (time spent paused is not counted)</source>
        <translation>Saniyede eğitim örneği (duraklatılan süre sayılmaz)</translation>
    </message>
    <message>
        <source>Time left at the current speed</source>
        <translation>Geçerli hızla kalan süre</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Hazırlanıyor…</translation>
    </message>
    <message>
        <source>on {device}</source>
        <translation>{device} üzerinde</translation>
    </message>
    <message>
        <source>epoch 0/{max_epochs}</source>
        <translation>epok 0/{max_epochs}</translation>
    </message>
    <message>
        <source>step 0/{total_steps}</source>
        <translation>adım 0/{total_steps}</translation>
    </message>
    <message>
        <source>epoch {epoch}/{max_epochs}</source>
        <translation>epok {epoch}/{max_epochs}</translation>
    </message>
    <message>
        <source>step {iteration}/{total_steps}</source>
        <translation>adım {iteration}/{total_steps}</translation>
    </message>
    <message>
        <source>{speed:,.0f} samples/s</source>
        <translation>{speed:,.0f} örnek/sn</translation>
    </message>
    <message>
        <source>{value} left</source>
        <translation>{value} kaldı</translation>
    </message>
</context>
<context>
    <name>TrainingUi</name>
    <message>
        <source>Run #{run_id}: {note}</source>
        <extracomment>the last message this side put in the status bar (cleared with the run it is about)</extracomment>
        <translation>Eğitim #{run_id}: {note}</translation>
    </message>
    <message>
        <source> Saved to {value}.</source>
        <translation> {value} konumuna kaydedildi.</translation>
    </message>
    <message>
        <source> · saved to {name}</source>
        <translation> · {name} konumuna kaydedildi</translation>
    </message>
    <message>
        <source>Training stopped: {message}.</source>
        <translation>Eğitim durduruldu: {message}.</translation>
    </message>
    <message>
        <source>Training failed: {message}</source>
        <translation>Eğitim başarısız oldu: {message}</translation>
    </message>
    <message>
        <source>Run #{run_id}: {message}.</source>
        <translation>Eğitim #{run_id}: {message}.</translation>
    </message>
    <message>
        <source>Run #{run_id} {message}.</source>
        <translation>Eğitim #{run_id} {message}.</translation>
    </message>
    <message>
        <source>Run #{run_id} completed {count} epochs in {duration}.</source>
        <translation>Eğitim #{run_id}, {count} epoku {duration} içinde tamamladı.</translation>
    </message>
    <message>
        <source>Run folder: {folder}</source>
        <translation>Eğitim klasörü: {folder}</translation>
    </message>
    <message>
        <source>Run #{run_id} saved to {name}</source>
        <translation>#{run_id} kaydedildi: {name}</translation>
    </message>
    <message>
        <source>Training was stopped before its first step.</source>
        <translation>Eğitim ilk adımından önce durduruldu.</translation>
    </message>
    <message>
        <source>Cannot train: {message}</source>
        <translation>Eğitilemez: {message}</translation>
    </message>
    <message>
        <source>Cannot train: {value}</source>
        <translation>Eğitilemez: {value}</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>fresh initial weights (seed {seed})</source>
        <extracomment>seconds between two sets of pictures of the model made on the training thread the most of the training thread&apos;s time the pictures may take: after one that took d seconds, the next comes no sooner than d / ANALYSIS_SHARE seconds later seconds between two live confusion matrices (each is a pass over the validation set) validation samples offered to pick from in the image views the run_failed message of a run stopped while it was being prepared</extracomment>
        <translation>yeni başlangıç ağırlıkları (tohum {seed})</translation>
    </message>
    <message>
        <source>fresh initial weights: the graph changed since the previous run</source>
        <translation>yeni başlangıç ağırlıkları: grafik önceki eğitimden beri değişti</translation>
    </message>
    <message>
        <source>continues from the previous run&apos;s weights</source>
        <translation>önceki eğitimin ağırlıklarından devam ediyor</translation>
    </message>
</context>
<context>
    <name>VariantsDialog</name>
    <message>
        <source>Compare Variants</source>
        <translation>Varyantları Karşılaştır</translation>
    </message>
    <message>
        <source>project&apos;s</source>
        <translation>projeninki</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Başlat</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Durdur</translation>
    </message>
    <message>
        <source>Choose a setting and its values, then Start.</source>
        <translation>Bir ayar ve değerlerini seçin, sonra Başlat&apos;a basın.</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Ayar</translation>
    </message>
    <message>
        <source>Values (comma-separated)</source>
        <translation>Değerler (virgülle ayrılmış)</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epok</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>epok</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>kayıp</translation>
    </message>
    <message>
        <source>norm</source>
        <translation>norm</translation>
    </message>
    <message>
        <source>Training loss per epoch</source>
        <translation>Epok başına eğitim kaybı</translation>
    </message>
    <message>
        <source>Validation loss per epoch</source>
        <translation>Epok başına doğrulama kaybı</translation>
    </message>
    <message>
        <source>Gradient norm per layer</source>
        <translation>Katman başına gradyan normu</translation>
    </message>
    <message>
        <source>layer (last logged step)</source>
        <translation>katman (son kaydedilen adım)</translation>
    </message>
    <message>
        <source>Cannot compare: {exc}</source>
        <translation>Karşılaştırılamıyor: {exc}</translation>
    </message>
    <message>
        <source>Training {count} variants of {value} side by side…</source>
        <translation>{value} projesinin {count} varyantı yan yana eğitiliyor…</translation>
    </message>
    <message>
        <source>; own initial weights (shapes differ): {value}</source>
        <translation>; kendi başlangıç ağırlıkları (şekiller farklı): {value}</translation>
    </message>
    <message>
        <source>Done: {count} variants, written to {folder}{differing}</source>
        <translation>Bitti: {count} varyant, {folder} klasörüne yazıldı{differing}</translation>
    </message>
    <message>
        <source>The comparison failed: {value}</source>
        <translation>Karşılaştırma başarısız oldu: {value}</translation>
    </message>
</context>
<context>
    <name>WeightsChoice</name>
    <message>
        <source>run {running} is still training, and no finished run has weights for this model yet</source>
        <translation>{running} numaralı eğitim hâlâ sürüyor ve bu model için ağırlıkları olan biten bir eğitim henüz yok</translation>
    </message>
    <message>
        <source>the weights of run {run_id}, the last finished run</source>
        <translation>{run_id} numaralı eğitimin ağırlıkları (son biten eğitim)</translation>
    </message>
    <message>
        <source>fresh, untrained weights</source>
        <translation>yeni, eğitilmemiş ağırlıklar</translation>
    </message>
    <message>
        <source>Run {running} is still training: this exports {exported}, not run {running}&apos;s. For its weights, stop it (Train › Stop keeps its weights) or export again when it finishes.</source>
        <translation>{running} numaralı eğitim hâlâ sürüyor: bu işlem {running} numaralı eğitiminkini değil, {exported} aktarır. Onun ağırlıkları için eğitimi durdurun (Eğitim › Durdur ağırlıkları korur) ya da bittiğinde yeniden aktarın.</translation>
    </message>
</context>
<context>
    <name>_WindowLink</name>
    <message>
        <source>Training is running</source>
        <extracomment>whether the run the views show trained the open project (another one may have been opened since; its nodes may share ids with the run&apos;s but are not what was trained)</extracomment>
        <translation>Eğitim sürüyor</translation>
    </message>
    <message>
        <source>A training run is going on. Stop it and close the window?

Its run folder is saved with what it has learnt so far.</source>
        <translation>Bir eğitim sürüyor. Durdurup pencere kapatılsın mı?

Eğitim klasörü o ana kadar öğrendikleriyle kaydedilir.</translation>
    </message>
</context>
<context>
    <name>__init__</name>
    <message>
        <source>&amp;Compare Plain vs Residual…</source>
        <translation>Düz ve &amp;Artık Ağı Karşılaştır…</translation>
    </message>
    <message>
        <source>Train the open project and its residual twin (or another project) side by side</source>
        <translation>Açık projeyi ve onun artık ikizini (ya da başka bir projeyi) yan yana eğit</translation>
    </message>
    <message>
        <source>Make &amp;Residual Twin</source>
        <translation>&amp;Artık İkizini Oluştur</translation>
    </message>
    <message>
        <source>Replace the open project by the same network with identity skips around every two layers</source>
        <translation>Açık projeyi, her iki katmanın çevresinde özdeşlik atlamaları olan aynı ağla değiştir</translation>
    </message>
    <message>
        <source>No residual twin</source>
        <translation>Artık ikiz yok</translation>
    </message>
    <message>
        <source>No residual twin can be made of this project:

{exc}</source>
        <translation>Bu projenin artık ikizi oluşturulamaz:

{exc}</translation>
    </message>
    <message>
        <source>Made the residual twin: {adds} skip connection(s); save it to keep it</source>
        <translation>Artık ikiz oluşturuldu: {adds} atlama bağlantısı; saklamak için kaydedin</translation>
    </message>
    <message>
        <source>Plain vs &amp;Residual Examples</source>
        <translation>Düz ve &amp;Artık Ağ Örnekleri</translation>
    </message>
    <message>
        <source>Compare the two ({value})…</source>
        <translation>İkisini karşılaştır ({value})…</translation>
    </message>
    <message>
        <source>No example pairs in this installation</source>
        <translation>Bu kurulumda örnek çifti yok</translation>
    </message>
    <message>
        <source>Compare &amp;Variants…</source>
        <translation>&amp;Varyantları Karşılaştır…</translation>
    </message>
    <message>
        <source>Train variants of the open project along one setting, side by side</source>
        <translation>Açık projenin bir ayar boyunca varyantlarını yan yana eğit</translation>
    </message>
    <message>
        <source>Hyperparameter &amp;Sweep…</source>
        <translation>Hiperparametre &amp;Taraması…</translation>
    </message>
    <message>
        <source>Search the open project&apos;s settings with Optuna</source>
        <translation>Açık projenin ayarlarını Optuna ile ara</translation>
    </message>
    <message>
        <source>Cross-&amp;Validate…</source>
        <translation>Çapraz &amp;Doğrulama…</translation>
    </message>
    <message>
        <source>k-fold cross-validation of the open project</source>
        <translation>Açık projenin k katlı çapraz doğrulaması</translation>
    </message>
    <message>
        <source>&amp;Lessons…</source>
        <translation>&amp;Dersler…</translation>
    </message>
    <message>
        <source>One comparison per topic of the course notes, with what to watch</source>
        <translation>Ders notlarının her konusu için bir karşılaştırma ve neye bakılacağı</translation>
    </message>
    <message>
        <source>Opened {value}; save it to keep it</source>
        <translation>{value} açıldı; saklamak için kaydedin</translation>
    </message>
    <message>
        <source>The example {example} is not installed</source>
        <translation>{example} örneği kurulu değil</translation>
    </message>
    <message>
        <source>Training is not available in this window</source>
        <translation>Bu pencerede eğitim kullanılamıyor</translation>
    </message>
</context>
<context>
    <name>boundary_view</name>
    <message>
        <source>Train a project on a 2-D dataset to see its decision boundary here.</source>
        <extracomment>the most training (and, apart, validation) points drawn: past a few thousand the points hide the boundary under them, and every repaint of the plane (each new boundary) draws them all on the GUI thread while the model trains what the view says before a run (or after another project was opened)</extracomment>
        <translation>Karar sınırını burada görmek için 2 boyutlu bir veri kümesinde bir proje eğitin.</translation>
    </message>
</context>
<context>
    <name>compare_checks</name>
    <message>
        <source>A&apos;s dataset cannot be loaded: {error}</source>
        <translation>A&apos;nın veri kümesi yüklenemiyor: {error}</translation>
    </message>
    <message>
        <source>A has problems: {problems}</source>
        <translation>A&apos;da sorunlar var: {problems}</translation>
    </message>
    <message>
        <source>No residual twin of A can be made: {error}. Choose another B, or a plain chain as A.</source>
        <translation>A&apos;nın artık ikizi yapılamıyor: {error}. Başka bir B seçin ya da A olarak düz bir zincir seçin.</translation>
    </message>
    <message>
        <source>A with {count} identity skip connection</source>
        <translation>{count} özdeşlik atlama bağlantılı A</translation>
    </message>
    <message>
        <source>A with {count} identity skip connections</source>
        <translation>{count} özdeşlik atlama bağlantılı A</translation>
    </message>
    <message>
        <source>B does not fit A&apos;s data: {problems}</source>
        <translation>B, A&apos;nın verisine uymuyor: {problems}</translation>
    </message>
    <message>
        <source> (and {count} more)</source>
        <translation> (ve {count} tane daha)</translation>
    </message>
</context>
<context>
    <name>confusion_view</name>
    <message>
        <source>Shown while a classifier trains (about once a second) and at the end of the run.</source>
        <extracomment>what the view says before a run (or after another project was opened)</extracomment>
        <translation>Bir sınıflandırıcı eğitilirken (yaklaşık saniyede bir) ve eğitimin sonunda gösterilir.</translation>
    </message>
</context>
<context>
    <name>cv_dialog</name>
    <message>
        <source>train samples</source>
        <translation>eğitim örnekleri</translation>
    </message>
    <message>
        <source>fold</source>
        <translation>kat</translation>
    </message>
    <message>
        <source>val samples</source>
        <translation>doğr. örnekleri</translation>
    </message>
    <message>
        <source>train loss</source>
        <translation>eğitim kaybı</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>doğr. kaybı</translation>
    </message>
    <message>
        <source>train acc</source>
        <translation>eğitim doğruluğu</translation>
    </message>
    <message>
        <source>val acc</source>
        <translation>doğr. doğruluğu</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>epok</translation>
    </message>
</context>
<context>
    <name>data_preview</name>
    <message>
        <source>CSV files (*.csv *.tsv *.txt)</source>
        <translation>CSV dosyaları (*.csv *.tsv *.txt)</translation>
    </message>
    <message>
        <source>NumPy archives (*.npz)</source>
        <translation>NumPy arşivleri (*.npz)</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Kaydedilmemiş değişiklikler</translation>
    </message>
    <message>
        <source>Save the changes to “{name}”?</source>
        <translation>“{name}” içindeki değişiklikler kaydedilsin mi?</translation>
    </message>
    <message>
        <source>Your changes will be lost if you don&apos;t save them.</source>
        <translation>Kaydetmezseniz değişiklikleriniz kaybolur.</translation>
    </message>
    <message>
        <source>{name}&lt;br&gt;&lt;span style=&apos;color:{colour}&apos;&gt;{value}&lt;/span&gt;</source>
        <extracomment>example files whose names start so are the plain-vs-residual presets, listed after the others</extracomment>
        <translation>{name}&lt;br&gt;&lt;span style=&apos;color:{colour}&apos;&gt;{value}&lt;/span&gt;</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>kurulu değil</translation>
    </message>
    <message>
        <source>&lt;h3&gt;dlplayground {value}&lt;/h3&gt;&lt;p&gt;A desktop playground for neural networks: build graphs visually, train them live, compare plain and residual nets, export to ONNX.&lt;/p&gt;&lt;table&gt;{rows}&lt;/table&gt;</source>
        <translation>&lt;h3&gt;dlplayground {value}&lt;/h3&gt;&lt;p&gt;Sinir ağları için bir masaüstü oyun alanı: grafikleri görsel olarak kurun, canlı eğitin, düz ve artık ağları karşılaştırın, ONNX&apos;e aktarın.&lt;/p&gt;&lt;table&gt;{rows}&lt;/table&gt;</translation>
    </message>
    <message>
        <source>About dlplayground</source>
        <translation>dlplayground Hakkında</translation>
    </message>
</context>
<context>
    <name>engine_text</name>
    <message>
        <source>completed</source>
        <extracomment>why a run stopped (the trainer&apos;s ``stop_reason`` codes), in words</extracomment>
        <translation>tamamlandı</translation>
    </message>
    <message>
        <source>stopped early</source>
        <translation>erken durduruldu</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>durduruldu</translation>
    </message>
    <message>
        <source>loss not finite</source>
        <translation>kayıp sonlu değil</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>başarısız</translation>
    </message>
    <message>
        <source>cycle</source>
        <translation>döngü</translation>
    </message>
    <message>
        <source>unknown type</source>
        <translation>bilinmeyen tür</translation>
    </message>
    <message>
        <source>bad parameter</source>
        <translation>hatalı parametre</translation>
    </message>
    <message>
        <source>missing input</source>
        <translation>eksik girdi</translation>
    </message>
    <message>
        <source>extra input</source>
        <translation>fazla girdi</translation>
    </message>
    <message>
        <source>shape mismatch</source>
        <translation>şekil uyuşmazlığı</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>bağlantısız</translation>
    </message>
    <message>
        <source>no input</source>
        <translation>girdi yok</translation>
    </message>
    <message>
        <source>no output</source>
        <translation>çıktı yok</translation>
    </message>
    <message>
        <source>too many Input/Output nodes</source>
        <translation>çok fazla Input/Output düğümü</translation>
    </message>
    <message>
        <source>bad settings</source>
        <translation>hatalı ayarlar</translation>
    </message>
    <message>
        <source>{kind}: {message}</source>
        <translation>{kind}: {message}</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>&amp;Language</source>
        <extracomment>languages with a translation (English is the source language), by code, with their own names lupdate finds calls by this name: ``translate(&quot;Context&quot;, &quot;text&quot;)``</extracomment>
        <translation>&amp;Dil</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>Sistem Varsayılanı</translation>
    </message>
    <message>
        <source>The language changes when dlplayground is started again</source>
        <translation>Dil, dlplayground yeniden başlatıldığında değişir</translation>
    </message>
</context>
<context>
    <name>images_view</name>
    <message>
        <source>Train a project on an image dataset to see its filters and feature maps here.</source>
        <extracomment>what the view says before a run (or after another project was opened)</extracomment>
        <translation>Filtrelerini ve öznitelik haritalarını burada görmek için bir görüntü veri kümesinde bir proje eğitin.</translation>
    </message>
</context>
<context>
    <name>inspector</name>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No node selected.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Drag layers from the palette onto the canvas. Drag from a node&apos;s output port (right) to another node to connect them.&lt;/p&gt;&lt;p&gt;Select a node to edit its parameters here; select a chain of layers and use &lt;i&gt;Edit › Wrap in Residual Block&lt;/i&gt; to add a skip connection.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Seçili düğüm yok.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Katmanları paletten tuvale sürükleyin. Bağlamak için bir düğümün çıkış portundan (sağda) başka bir düğüme sürükleyin.&lt;/p&gt;&lt;p&gt;Parametrelerini burada düzenlemek için bir düğüm seçin; bir atlama bağlantısı eklemek için bir katman zinciri seçip &lt;i&gt;Düzen › Artık Bloğa Sar&lt;/i&gt; komutunu kullanın.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>integration</name>
    <message>
        <source>Export the model to ONNX and check that onnxruntime computes what PyTorch computes</source>
        <extracomment>window setting: the folder of the last export (proposed for projects that were never saved) the training extension&apos;s model-view dock (``add_panel`` names docks ``dock_&lt;object name&gt;``)</extracomment>
        <translation>Modeli ONNX&apos;e aktar ve onnxruntime&apos;ın PyTorch ile aynı şeyi hesapladığını denetle</translation>
    </message>
    <message>
        <source>Vanishing gradients: this layer&apos;s gradient norm is far below the last layer&apos;s, so it barely learns (see the Gradients tab).</source>
        <translation>Kaybolan gradyanlar: bu katmanın gradyan normu son katmanınkinin çok altında, bu yüzden neredeyse hiç öğrenmiyor (Gradyanlar sekmesine bakın).</translation>
    </message>
    <message>
        <source>Exploding gradients: this layer&apos;s gradient norm is far above the last layer&apos;s, or not finite (see the Gradients tab).</source>
        <translation>Patlayan gradyanlar: bu katmanın gradyan normu son katmanınkinin çok üstünde ya da sonlu değil (Gradyanlar sekmesine bakın).</translation>
    </message>
    <message>
        <source>Model view</source>
        <translation>Model görünümü</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Eğitim</translation>
    </message>
</context>
<context>
    <name>neurons_view</name>
    <message>
        <source>Train a project on a 2-D dataset to see what each neuron computes here.</source>
        <extracomment>each map&apos;s side on screen (px): as large as the view&apos;s width allows, between these</extracomment>
        <translation>Her nöronun ne hesapladığını burada görmek için 2 boyutlu bir veri kümesinde bir proje eğitin.</translation>
    </message>
</context>
<context>
    <name>param_form</name>
    <message>
        <source>e.g. 1, 8, 8</source>
        <translation>ör. 1, 8, 8</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; takes whole numbers separated by commas, got {text!r}</source>
        <translation>&apos;{name}&apos; virgülle ayrılmış tam sayılar alır, alınan: {text!r}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; takes one whole number, got {text!r}</source>
        <translation>&apos;{name}&apos; tek bir tam sayı alır, alınan: {text!r}</translation>
    </message>
    <message>
        <source>What training minimises</source>
        <extracomment>the optimiser options this panel offers, by name (which ones each optimiser shows: ``OPTIMIZERS``); defaults, ranges and help all come from the training schema the panel shows &quot;full&quot; (the whole training set) below batch size 1: an unset value here the training schema&apos;s help texts this panel shows, for the translation catalogue (the editors look them up under &quot;param_form&quot;; the schema itself stays English for the CLI)</extracomment>
        <translation>Eğitimin en aza indirdiği şey</translation>
    </message>
    <message>
        <source>How weights are updated from gradients</source>
        <translation>Ağırlıkların gradyanlardan nasıl güncellendiği</translation>
    </message>
    <message>
        <source>Learning rate: the size of each step</source>
        <translation>Öğrenme oranı: her adımın büyüklüğü</translation>
    </message>
    <message>
        <source>Keeps a running average of past steps (SGD, RMSprop)</source>
        <translation>Geçmiş adımların hareketli ortalamasını tutar (SGD, RMSprop)</translation>
    </message>
    <message>
        <source>L2 penalty pulling weights towards zero</source>
        <translation>Ağırlıkları sıfıra doğru çeken L2 cezası</translation>
    </message>
    <message>
        <source>Samples per step (&apos;full&apos;: the whole training set at once)</source>
        <translation>Adım başına örnek (&apos;full&apos;: tüm eğitim kümesi tek seferde)</translation>
    </message>
    <message>
        <source>Passes over the training set</source>
        <translation>Eğitim kümesi üzerinden geçiş sayısı</translation>
    </message>
    <message>
        <source>Fixes the initial weights and the batch order</source>
        <translation>Başlangıç ağırlıklarını ve yığın sırasını sabitler</translation>
    </message>
    <message>
        <source>The metric watched</source>
        <translation>İzlenen ölçüt</translation>
    </message>
    <message>
        <source>Epochs without improvement before stopping</source>
        <translation>Durdurmadan önce iyileşme olmadan geçen epok sayısı</translation>
    </message>
    <message>
        <source>Fraction of samples held out for validation</source>
        <translation>Doğrulama için ayrılan örneklerin oranı</translation>
    </message>
    <message>
        <source>Fixes generation and the train/validation split</source>
        <translation>Üretimi ve eğitim/doğrulama bölünmesini sabitler</translation>
    </message>
</context>
<context>
    <name>process_worker</name>
    <message>
        <source>PyTorch could not be loaded: {error}</source>
        <extracomment>seconds between two looks at the window&apos;s wishes and the child&apos;s health while a job runs seconds the child is given to end on its own when the window closes</extracomment>
        <translation>PyTorch yüklenemedi: {error}</translation>
    </message>
    <message>
        <source>The training process ended unexpectedly (exit code {code}); the next run starts a new one.</source>
        <translation>Eğitim süreci beklenmedik biçimde sona erdi (çıkış kodu {code}); bir sonraki çalıştırma yeni bir süreç başlatır.</translation>
    </message>
    <message>
        <source>The run ended without a result.</source>
        <translation>Çalıştırma bir sonuç vermeden sona erdi.</translation>
    </message>
</context>
<context>
    <name>run_weights</name>
    <message>
        <source>the runs of this session trained another graph or dataset: train this one for useful predictions</source>
        <translation>bu oturumdaki eğitimler başka bir grafik ya da veri kümesini eğitti: yararlı tahminler için bunu eğitin</translation>
    </message>
    <message>
        <source>validation accuracy {val_acc:.1%}</source>
        <translation>doğrulama doğruluğu {val_acc:.1%}</translation>
    </message>
    <message>
        <source>validation loss {val_loss:.4g}</source>
        <translation>doğrulama kaybı {val_loss:.4g}</translation>
    </message>
    <message>
        <source>trained in run {run_id} ({value})</source>
        <translation>{run_id} numaralı eğitimde eğitildi ({value})</translation>
    </message>
</context>
<context>
    <name>runs_view</name>
    <message>
        <source>{value} · could not start: {value2}</source>
        <translation>{value} · başlatılamadı: {value2}</translation>
    </message>
    <message>
        <source>{value} · running…</source>
        <translation>{value} · eğitiliyor…</translation>
    </message>
    <message>
        <source>1 epoch</source>
        <translation>1 epok</translation>
    </message>
    <message>
        <source>{count} epochs</source>
        <translation>{count} epok</translation>
    </message>
    <message>
        <source>val acc {val_acc:.3f}</source>
        <translation>doğr. doğruluğu {val_acc:.3f}</translation>
    </message>
    <message>
        <source>val loss {val_loss:.4g}</source>
        <translation>doğr. kaybı {val_loss:.4g}</translation>
    </message>
    <message>
        <source>loss {loss:.4g}</source>
        <translation>kayıp {loss:.4g}</translation>
    </message>
</context>
<context>
    <name>script_export</name>
    <message>
        <source>Export training script</source>
        <translation>Eğitim betiğini aktar</translation>
    </message>
    <message>
        <source>Write the project as a standalone PyTorch training script (train.py) with its data, to train anywhere</source>
        <translation>Projeyi, verisiyle birlikte her yerde eğitilebilecek bağımsız bir PyTorch eğitim betiği (train.py) olarak yaz</translation>
    </message>
    <message>
        <source>⚠ Cannot export a training script: {value}</source>
        <translation>⚠ Eğitim betiği aktarılamıyor: {value}</translation>
    </message>
    <message>
        <source>{TITLE}: choose a folder</source>
        <translation>{TITLE}: bir klasör seçin</translation>
    </message>
    <message>
        <source>{folder} already holds {value}. Replace them?</source>
        <translation>{folder} zaten {value} içeriyor. Değiştirilsin mi?</translation>
    </message>
    <message>
        <source>{folder} could not be written.

{exc}</source>
        <translation>{folder} yazılamadı.

{exc}</translation>
    </message>
    <message>
        <source>Cannot export a training script</source>
        <translation>Eğitim betiği aktarılamıyor</translation>
    </message>
    <message>
        <source>Training script written to {script}: run it with python {SCRIPT_FILE}</source>
        <translation>Eğitim betiği {script} konumuna yazıldı: python {SCRIPT_FILE} ile çalıştırın</translation>
    </message>
</context>
<context>
    <name>style</name>
    <message>
        <source>Input/Output</source>
        <translation>Girdi/Çıktı</translation>
    </message>
    <message>
        <source>Core</source>
        <translation>Temel</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>Evrişim</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>Havuzlama</translation>
    </message>
    <message>
        <source>Normalisation</source>
        <translation>Normalleştirme</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Aktivasyon</translation>
    </message>
    <message>
        <source>Recurrent</source>
        <translation>Yinelemeli</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Birleştirme</translation>
    </message>
    <message>
        <source>Generative</source>
        <translation>Üretici</translation>
    </message>
</context>
<context>
    <name>train_gate</name>
    <message>
        <source> (and {value} more problem(s): see Problems)</source>
        <translation> (ve {value} sorun daha: Sorunlar&apos;a bakın)</translation>
    </message>
    <message>
        <source>Cannot train: {value}{more}</source>
        <translation>Eğitilemez: {value}{more}</translation>
    </message>
</context>
<context>
    <name>ui</name>
    <message>
        <source>finished in {}</source>
        <extracomment>where a run starts: 10 Hz, then faster only if the GUI thread stays well within its budget the share of a core the GUI thread may use while a run trains seconds over which the GUI thread&apos;s CPU share is measured the status bar&apos;s summary of a run that ended, by stop reason ({} is the training time)</extracomment>
        <translation>{} içinde tamamlandı</translation>
    </message>
    <message>
        <source>stopped early after {}</source>
        <translation>{} sonra erken durduruldu</translation>
    </message>
    <message>
        <source>stopped after {}</source>
        <translation>{} sonra durduruldu</translation>
    </message>
    <message>
        <source>loss not finite after {}</source>
        <translation>{} sonra kayıp sonlu değil</translation>
    </message>
    <message>
        <source>failed after {}</source>
        <translation>{} sonra başarısız oldu</translation>
    </message>
    <message>
        <source>Loading PyTorch…</source>
        <extracomment>the phase shown while a run waits for torch&apos;s first import (seconds when cold)</extracomment>
        <translation>PyTorch yükleniyor…</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Hazırlanıyor…</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Eğitim</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Duraklatıldı</translation>
    </message>
    <message>
        <source>run folder &lt;a href=&quot;{value}&quot;&gt;{value2}&lt;/a&gt;</source>
        <translation>eğitim klasörü &lt;a href=&quot;{value}&quot;&gt;{value2}&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>variants_dialog</name>
    <message>
        <source>train loss</source>
        <translation>eğitim kaybı</translation>
    </message>
    <message>
        <source>value</source>
        <extracomment>settings offered in the key box (any dotted path may be typed) the table&apos;s headers (translated where they are shown)</extracomment>
        <translation>değer</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>doğr. kaybı</translation>
    </message>
    <message>
        <source>val acc</source>
        <translation>doğr. doğruluğu</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>epok</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>adım</translation>
    </message>
    <message>
        <source>shared layers</source>
        <translation>paylaşılan katmanlar</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>saniye</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>durma</translation>
    </message>
    <message>
        <source>n/a</source>
        <extracomment>a metric a run did not report (no validation set, a regression&apos;s accuracy)</extracomment>
        <translation>yok</translation>
    </message>
</context>
<context>
    <name>views</name>
    <message>
        <source>&lt;b style=&apos;color:{VANISHING_COLOUR}&apos;&gt;Vanishing gradients&lt;/b&gt; in {count} layer(s) ({value}): below {VANISHING_RATIO:g}× the last layer&apos;s.</source>
        <translation>&lt;b style=&apos;color:{VANISHING_COLOUR}&apos;&gt;Kaybolan gradyanlar&lt;/b&gt; {count} katmanda ({value}): son katmanınkinin {VANISHING_RATIO:g}× altında.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{EXPLODING_COLOUR}&apos;&gt;Exploding gradients&lt;/b&gt; in {count} layer(s) ({value}): above {EXPLODING_RATIO:g}× the last layer&apos;s, or not finite.</source>
        <translation>&lt;b style=&apos;color:{EXPLODING_COLOUR}&apos;&gt;Patlayan gradyanlar&lt;/b&gt; {count} katmanda ({value}): son katmanınkinin {EXPLODING_RATIO:g}× üstünde ya da sonlu değil.</translation>
    </message>
    <message>
        <source>Gradients reach every layer (none far below or above the last one).</source>
        <translation>Gradyanlar her katmana ulaşıyor (hiçbiri son katmanınkinin çok altında ya da üstünde değil).</translation>
    </message>
</context>
<context>
    <name>worker</name>
    <message>
        <source>No residual twin can be made of this project: {error}</source>
        <translation>Bu projenin artık ikizi yapılamıyor: {error}</translation>
    </message>
</context>
</TS>
