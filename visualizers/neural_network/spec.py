"""Registry entry for the neural-network playground (questions 6 and 8). Imports no NumPy."""

from __future__ import annotations

from visualizers.core.registry import Parameter, PredictionPrompt, Preset, VisualizerSpec

DATASET_CHOICES: tuple[str, ...] = ("two moons", "circles", "spirals", "xor", "gaussian blobs")
ACTIVATION_CHOICES: tuple[str, ...] = ("tanh", "relu", "sigmoid")

_OVERFIT: dict[str, int | float | str | bool] = {
    "dataset": "two moons",
    "points": 100,
    "noise": 0.45,
    "hidden_layers": 3,
    "neurons": 16,
    "learning_rate": 0.1,
    "batch_size": 4,
    "epochs": 500,
}

SPEC = VisualizerSpec(
    id="neural_network",
    title="Neural-network playground",
    description="Train a small multilayer perceptron on 2-D data: the decision surface, "
    "each neuron's activation map, train and validation loss, and the numbers of one "
    "backward pass.",
    questions=(6, 8),
    view="visualizers.neural_network.view:PlaygroundView",
    parameters=(
        Parameter(
            "dataset",
            "Dataset",
            "choice",
            "two moons",
            choices=DATASET_CHOICES,
            tooltip="The 2-D problem the network learns to separate",
        ),
        Parameter(
            "points",
            "Points",
            "int",
            400,
            minimum=20,
            maximum=2000,
            step=20,
            tooltip="Number of points; 30% are held out for validation",
        ),
        Parameter(
            "noise",
            "Noise",
            "float",
            0.1,
            minimum=0.0,
            maximum=0.6,
            step=0.05,
            decimals=2,
            tooltip="Standard deviation of the Gaussian noise added to every point",
        ),
        Parameter(
            "hidden_layers",
            "Hidden layers",
            "int",
            2,
            minimum=1,
            maximum=4,
            tooltip="How many hidden layers the network has",
        ),
        Parameter(
            "neurons",
            "Neurons per layer",
            "int",
            8,
            minimum=1,
            maximum=16,
            tooltip="Width of every hidden layer",
        ),
        Parameter(
            "activation",
            "Activation",
            "choice",
            "tanh",
            choices=ACTIVATION_CHOICES,
            tooltip="Non-linearity of the hidden layers; the output is always softmax",
        ),
        Parameter(
            "learning_rate",
            "Learning rate η",
            "float",
            0.3,
            minimum=0.001,
            maximum=10.0,
            log_scale=True,
            decimals=3,
            tooltip="Step size of mini-batch SGD",
        ),
        Parameter(
            "batch_size",
            "Batch size",
            "int",
            32,
            minimum=1,
            maximum=512,
            tooltip="Examples per gradient step (1 = pure SGD)",
        ),
        Parameter(
            "l2",
            "L2 (weight decay) λ",
            "float",
            0.0,
            minimum=0.0,
            maximum=0.1,
            step=0.001,
            decimals=4,
            tooltip="Adds (λ/2)·Σ‖W‖² to the loss: pulls weights towards 0",
        ),
        Parameter(
            "dropout",
            "Dropout",
            "float",
            0.0,
            minimum=0.0,
            maximum=0.7,
            step=0.05,
            decimals=2,
            tooltip="Probability of dropping each hidden unit during training",
        ),
        Parameter(
            "patience",
            "Early stopping patience",
            "int",
            0,
            minimum=0,
            maximum=200,
            tooltip="Stop after this many epochs without a better validation loss (0 = off)",
        ),
        Parameter(
            "epochs",
            "Epochs",
            "int",
            200,
            minimum=5,
            maximum=2000,
            step=10,
            tooltip="Length of the run: one frame per epoch",
        ),
    ),
    presets=(
        Preset("default", "Two moons, 2×8 tanh", "The default: learns the moons in ~100 epochs."),
        Preset(
            "spirals_need_depth",
            "Spirals need depth",
            "Interleaved spirals: one narrow layer fails, several wide ReLU layers succeed.",
            {
                "dataset": "spirals",
                "hidden_layers": 3,
                "neurons": 16,
                "activation": "relu",
                "learning_rate": 0.1,
                "epochs": 600,
            },
        ),
        Preset(
            "xor_one_neuron",
            "XOR with one hidden neuron",
            "A single hidden unit draws one line; XOR needs two.",
            {"dataset": "xor", "hidden_layers": 1, "neurons": 1, "epochs": 300},
        ),
        Preset(
            "overfitting",
            "Overfitting: big network, few noisy points",
            "100 noisy points and 3×16 neurons: train accuracy climbs past validation.",
            _OVERFIT,
        ),
        Preset(
            "overfitting_dropout",
            "Overfitting tamed by dropout",
            "The same network and data with dropout 0.3.",
            {**_OVERFIT, "dropout": 0.3},
        ),
        Preset(
            "overfitting_l2",
            "Overfitting tamed by L2",
            "The same network and data with weight decay λ = 0.01.",
            {**_OVERFIT, "l2": 0.01},
        ),
        Preset(
            "early_stopping",
            "Early stopping",
            "The overfitting setup stopped once validation loss stalls for 30 epochs.",
            {**_OVERFIT, "patience": 30},
        ),
        Preset(
            "learning_rate_too_large",
            "Learning rate too large",
            "η = 8 with ReLU: updates overshoot and units die.",
            {"learning_rate": 8.0, "activation": "relu"},
        ),
        Preset(
            "sigmoid_deep_slow",
            "Deep sigmoid network learns slowly",
            "Four sigmoid layers: the slope f′ ≤ 0.25 shrinks the error signal at every layer.",
            {"activation": "sigmoid", "hidden_layers": 4, "learning_rate": 0.3, "epochs": 300},
        ),
    ),
    predictions=(
        PredictionPrompt(
            id="nn_xor_one_neuron",
            questions=(6,),
            preset="xor_one_neuron",
            prompt="XOR with a single hidden neuron (tanh). After 300 epochs, how well does "
            "it classify?",
            choices=(
                "Nearly perfectly: any non-linear network can learn XOR",
                "About 75% at best: one unit draws one line, XOR needs two",
                "Exactly 50%: it can't learn anything",
            ),
            correct=1,
            explanation="One hidden unit is a single soft threshold along one line, so the "
            "output can only be a monotone function of that line. XOR's two classes sit on "
            "opposite corners; a line can get at most three of four quadrants right.",
            watch_steps=300,
        ),
        PredictionPrompt(
            id="nn_sigmoid_deep",
            questions=(6,),
            preset="sigmoid_deep_slow",
            prompt="Four hidden sigmoid layers on the moons. Compared with two tanh layers, "
            "how fast does the loss fall?",
            choices=(
                "Faster: more layers, more capacity",
                "Much slower: the error signal shrinks through every sigmoid layer",
                "The same: depth doesn't change the gradient",
            ),
            correct=1,
            explanation="Backprop multiplies δ by f′(z) at every layer and sigmoid's slope is "
            "at most 0.25, so four layers scale the signal by ≤ 0.25⁴ ≈ 0.004: the early "
            "layers barely move (the vanishing gradient). tanh's slope reaches 1; ReLU's is 1.",
            watch_steps=150,
        ),
        PredictionPrompt(
            id="nn_big_learning_rate",
            questions=(6,),
            preset="learning_rate_too_large",
            prompt="η = 8 with ReLU units. What does training do?",
            choices=(
                "Converges faster than η = 0.3",
                "Stalls or blows up: steps overshoot and many ReLUs die",
                "Exactly the same result, just noisier",
            ),
            correct=1,
            explanation="A step far past the curvature overshoots; a ReLU whose input is "
            "pushed negative for every example has slope 0 and never recovers (a dead unit).",
            watch_steps=50,
        ),
        PredictionPrompt(
            id="nn_overfit_gap",
            questions=(8,),
            preset="overfitting",
            prompt="100 noisy points, three layers of 16 neurons, no regularization. After "
            "500 epochs, what do train and validation accuracy look like?",
            choices=(
                "Both high and close together",
                "Train far above validation, and validation loss rising",
                "Both low: the network is too big to train",
            ),
            correct=1,
            explanation="About 600 weights for 70 training points: the network bends its "
            "boundary around individual noisy points. Training accuracy keeps rising while "
            "the validation loss turns up — the signature of overfitting.",
            watch_steps=500,
        ),
        PredictionPrompt(
            id="nn_dropout_gap",
            questions=(8,),
            preset="overfitting_dropout",
            prompt="The same overfitting setup with dropout 0.3. What happens to the gap "
            "between train and validation accuracy?",
            choices=(
                "It grows: dropout removes capacity from validation",
                "It shrinks: no unit can rely on particular partners",
                "Nothing changes",
            ),
            correct=1,
            explanation="Dropout trains a different thinned network on every batch, so no "
            "unit can memorise with the help of specific others; at inference the full "
            "network averages them. The boundary is smoother and the gap smaller.",
            watch_steps=500,
        ),
        PredictionPrompt(
            id="nn_early_stopping",
            questions=(8,),
            preset="early_stopping",
            prompt="The overfitting setup with early stopping (patience 30). Where does it stop?",
            choices=(
                "At the last epoch, 500",
                "About 30 epochs after the validation loss was lowest",
                "At epoch 30",
            ),
            correct=1,
            explanation="Early stopping watches the validation loss and stops once it has "
            "not improved for `patience` epochs, keeping the best epoch's weights: a cheap "
            "regularizer that limits how far the weights travel from their small start.",
            watch_steps=500,
        ),
    ),
)
