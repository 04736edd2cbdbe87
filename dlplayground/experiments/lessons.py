"""The Lessons gallery's catalogue: one entry per topic of the course notes that a comparison shows.

Each lesson names a shipped example project and how to compare: variants along one setting
(``vary``: a dotted path and its values, as ``experiment compare --vary`` takes them), or two
example projects side by side (``pair``: the plain/residual or sigmoid/ReLU twins, which share
node ids and therefore initial weights), or, for what one run shows rather than a comparison,
training the example in the window with one of its views open (``view``). ``watch`` says what
to look at. Pure data, checked by the tests against the examples (every path must fit its
project).

:data:`UPCOMING` lists the topics of the course notes whose layers or training the playground
does not have yet; the gallery shows them, greyed, so that the gap is visible and the place for
their lessons is clear.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lesson:
    title: str
    example: str
    watch: str
    vary: tuple[str, str] | None = None
    pair: str | None = None
    epochs: int | None = None
    #: a Model view tab to show while the example trains in the window ("filters": filters,
    #: feature maps and Grad-CAM; "generative": reconstructions, the latent plane, a GAN's
    #: samples and curves), for a lesson without ``vary`` or ``pair``
    view: str | None = None


#: course topics without a lesson yet, and what they wait for
UPCOMING: tuple[tuple[str, str], ...] = ()


LESSONS: tuple[Lesson, ...] = (
    Lesson("Residual vs plain networks", "deep_plain_relu_mlp.dlp.json",
           "The 20-layer plain ReLU net stays at chance (loss 1.099 for three classes) while its residual twin, "
           "from the same initial weights, trains. In the gradient view the plain net's first layers get "
           "gradients many orders of magnitude smaller than its last.", pair="deep_residual_relu_mlp.dlp.json",
           epochs=20),
    Lesson("Activations and vanishing gradients", "deep_plain_mlp.dlp.json",
           "The same 20-layer net with sigmoids and with ReLUs, from the same weights: the sigmoid's "
           "derivative (at most 0.25) shrinks the gradient at every layer, so its first layers hardly learn.",
           pair="deep_plain_relu_mlp.dlp.json", epochs=20),
    Lesson("Batch, mini-batch and stochastic gradient descent", "spiral_mlp.dlp.json",
           "Same data, weights and sample order. Full batch: one smooth step per epoch, slow progress per "
           "epoch. Batch 1: a noisy step per sample, much more progress per epoch, each epoch taking longer. "
           "Mini-batches sit between: compare the loss-per-epoch and loss-against-time curves.",
           vary=("training.batch_size", "full,32,1"), epochs=10),
    Lesson("Momentum, RMSprop and Adam", "spiral_mlp.dlp.json",
           "Plain SGD at the same learning rate crawls; RMSprop scales each weight's step by its gradient's "
           "recent size; Adam adds momentum to that. Watch how fast the training loss falls.",
           vary=("training.optimizer.type", "SGD,RMSprop,Adam"), epochs=20),
    Lesson("Learning rates", "spiral_mlp.dlp.json",
           "Too high and the loss jumps or diverges (the run stops with a message); too low and it barely "
           "moves; in between it falls fast and settles.", vary=("training.optimizer.lr", "1,0.1,0.01,0.001"),
           epochs=20),
    Lesson("Under-fitting: too small a network", "spiral_mlp.dlp.json",
           "With 2 units in the first layer the spirals cannot be separated: training and validation loss stay "
           "high together. Widening the layer lowers both.", vary=("graph.fc1.out_features", "2,8,32"), epochs=30),
    Lesson("Weight decay against over-fitting", "spiral_mlp.dlp.json",
           "Weight decay pulls the weights towards zero: a little narrows the gap between training and "
           "validation loss, too much raises both (under-fitting).",
           vary=("training.optimizer.weight_decay", "0,0.001,0.03"), epochs=30),
    Lesson("Dropout and over-fitting", "digits_cnn.dlp.json",
           "Dropout before the classifier zeroes random features while training: the training loss is higher "
           "(it is measured with dropout on), the gap to the validation loss smaller.",
           vary=("graph.drop.p", "0,0.2,0.5"), epochs=15),
    Lesson("Batch normalisation", "digits_cnn.dlp.json",
           "With BatchNorm2d after the first convolution the network trains faster at the same learning "
           "rate than with the layer replaced by Identity.", vary=("graph.bn1.type", "BatchNorm2d,Identity"),
           epochs=15),
    Lesson("Batch, local response or no normalisation", "digits_cnn.dlp.json",
           "Local response normalisation (AlexNet's) divides each activation by its neighbouring channels' "
           "energy; batch norm standardises each channel over the batch. Compare their curves.",
           vary=("graph.bn1.type", "BatchNorm2d,LocalResponseNorm,Identity"), epochs=15),
    Lesson("1x1 convolutions", "digits_cnn.dlp.json",
           "The 1x1 convolution 'mix' combines the 16 channels into fewer: 2 channels squeeze too hard, 8 or "
           "32 keep the accuracy while changing the parameter count.",
           vary=("graph.mix.out_channels", "2,8,32"), epochs=15),
    Lesson("Max pooling vs average pooling", "digits_cnn.dlp.json",
           "Both halve the feature maps; max pooling keeps the strongest response in each window, average "
           "pooling the mean.", vary=("graph.pool.type", "MaxPool2d,AvgPool2d"), epochs=15),
    Lesson("RNN, LSTM and GRU on sequences", "sine_gru.dlp.json",
           "The same forecasting task with a plain RNN, an LSTM and a GRU of 32 units: the gated cells keep "
           "information over the window and reach a lower validation loss.",
           vary=("graph.gru.type", "GRU,LSTM,RNN"), epochs=20),
    Lesson("Filters, feature maps and Grad-CAM", "digits_cnn.dlp.json",
           "The convolutional digits network trains in the window with the Filters & maps view open: the "
           "first layer's 3x3 filters turn from noise into edge and stroke detectors, the feature maps show "
           "where each filter fires on a sample, and Grad-CAM highlights the pixels that decided the class. "
           "Select another convolution on the canvas to see its maps.", view="filters"),
    Lesson("Autoencoders", "digits_autoencoder.dlp.json",
           "The network must rebuild each digit through a narrow middle layer. In the Generative view the "
           "reconstructions start as grey blurs and sharpen into the inputs' strokes as the reconstruction "
           "loss falls; what the bottleneck cannot hold (thin strokes, odd shapes) stays blurred.",
           view="generative"),
    Lesson("Variational autoencoders (VAE)", "digits_vae.dlp.json",
           "The encoder gives a mean and a log-variance per latent dimension and the Reparameterize node "
           "samples z from them. Watch the 2-D latent plane: the digits' classes gather into regions near the "
           "origin as the KL term pulls the codes towards N(0, 1), while the reconstructions sharpen. After "
           "training, the Inference panel's sliders walk through the latent plane.", view="generative"),
    Lesson("Generative adversarial networks (GAN)", "gan_ring.dlp.json",
           "The generator maps noise to points and the discriminator learns to tell them from the ring's. "
           "As in GAN Lab: the heat map is the discriminator's belief, the arrows where it pushes the "
           "generated points. Watch them spread round the ring; d_real and d_fake near 0.5 mean neither side "
           "wins, d_fake near 0 that the discriminator does (a note says so).", view="generative"),
)
